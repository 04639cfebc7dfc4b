namespace System.Text;

/// <summary>What records' synthesized ToString and ComponentContext's "it holds: ..." message use.</summary>
public sealed class StringBuilder
{
    private CharBuffer _buffer = new CharBuffer(16);

    public int Length => _buffer.Length;

    public StringBuilder Append(string? value)
    {
        _buffer.Append(value);
        return this;
    }

    public StringBuilder Append(char value)
    {
        _buffer.Append(value);
        return this;
    }

    public StringBuilder Append(object? value)
    {
        _buffer.Append(value?.ToString());
        return this;
    }

    public override string ToString() => _buffer.ToString();
}
