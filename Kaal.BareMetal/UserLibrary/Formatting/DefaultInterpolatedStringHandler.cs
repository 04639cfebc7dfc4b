using Kaal.User.Arm64.Analysis;

namespace System.Runtime.CompilerServices;

/// <summary>
/// `$"..."`: the compiler appends literals and holes here and calls <see cref="ToStringAndClear"/>. Holes: strings,
/// chars, bools, integers (decimal, or `:X`/`:Xn` hexadecimal), and any other value through its ToString (enums
/// print as numbers, see Enum). Formats other than those stop the component rather than print differently; [El0Format] states them
/// for the EL0-API analyzer, which rejects any other format at build time.
/// </summary>
[InterpolatedStringHandler]
public ref struct DefaultInterpolatedStringHandler
{
    private Text.CharBuffer _buffer;

    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount)
    {
        _buffer = new Text.CharBuffer(literalLength + formattedCount * 8);
    }

    public void AppendLiteral(string value) => _buffer.Append(value);

    public void AppendFormatted(string? value) => _buffer.Append(value);

    public void AppendFormatted(char value) => _buffer.Append(value);

    public void AppendFormatted(bool value) => _buffer.Append(value ? "True" : "False");

    public void AppendFormatted(ulong value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) => NumberFormatting.Append(ref _buffer, value, false, format);

    public void AppendFormatted(uint value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) => NumberFormatting.Append(ref _buffer, value, false, format);

    public void AppendFormatted(ushort value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) => NumberFormatting.Append(ref _buffer, value, false, format);

    public void AppendFormatted(byte value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) => NumberFormatting.Append(ref _buffer, value, false, format);

    public void AppendFormatted(long value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) =>
        NumberFormatting.Append(ref _buffer, value < 0 && format is null ? (ulong)-value : (ulong)value, value < 0 && format is null, format);

    public void AppendFormatted(int value, [El0Format(NumberFormatting.FormatPattern, NumberFormatting.FormatDescription)] string? format = null) => AppendFormatted((long)value, format);

    public void AppendFormatted<T>(T value) => _buffer.Append(value?.ToString());

    public string ToStringAndClear() => _buffer.ToString();
}
