namespace System.Text;

/// <summary>
/// A growing array of chars: what StringBuilder and interpolated strings write into before the one final
/// string is made. Doubles when full (the old array stays on the bump heap: there is no GC), so a line costs
/// about twice its length in garbage.
/// </summary>
internal struct CharBuffer
{
    private char[] _chars;
    private int _length;

    internal CharBuffer(int capacity)
    {
        _chars = new char[capacity < 16 ? 16 : capacity];
        _length = 0;
    }

    internal readonly int Length => _length;

    internal void Append(char value)
    {
        Reserve(1);
        _chars[_length++] = value;
    }

    internal void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        for (int index = 0; index < text.Length; index++) _chars[_length + index] = text[index];
        _length += text.Length;
    }

    internal void Append(string? text)
    {
        if (text is null) return;
        Reserve(text.Length);
        for (int index = 0; index < text.Length; index++) _chars[_length + index] = text[index];
        _length += text.Length;
    }

    public override readonly string ToString() => string.FromChars(new ReadOnlySpan<char>(_chars, 0, _length));

    private void Reserve(int more)
    {
        if (_length + more <= _chars.Length) return;
        int capacity = _chars.Length * 2;
        while (capacity < _length + more) capacity *= 2;
        char[] grown = new char[capacity];
        for (int index = 0; index < _length; index++) grown[index] = _chars[index];
        _chars = grown;
    }
}
