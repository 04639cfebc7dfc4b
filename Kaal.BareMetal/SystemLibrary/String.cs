namespace System;

/// <summary>
/// UTF-16 text; in the kernel only literals (frozen objects ILC places in .data) and scenario names.
/// ILC's static pre-initializer requires exactly the field names _stringLength and _firstChar.
/// </summary>
public sealed unsafe partial class String
{
#pragma warning disable CS0649 // laid out by ILC for every literal
    private readonly int _stringLength;
    private char _firstChar;
#pragma warning restore CS0649

    private String()
    {
    }

    public int Length => _stringLength;

    [System.Runtime.CompilerServices.IndexerName("Chars")]
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_stringLength)
            {
                Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            }
            fixed (char* first = &_firstChar)
            {
                return first[index];
            }
        }
    }
}
