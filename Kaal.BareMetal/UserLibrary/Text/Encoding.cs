namespace System.Text;

/// <summary>ASCII only: the arguments page, the registry and console lines are ASCII by construction (names are
/// checked when written). A char above 0x7F becomes '?', as the BCL's ASCII encoding does.</summary>
public abstract class Encoding
{
    public static Encoding ASCII { get; } = new AsciiEncoding();

    public abstract byte[] GetBytes(string text);

    public abstract string GetString(ReadOnlySpan<byte> bytes);

    private sealed class AsciiEncoding : Encoding
    {
        public override byte[] GetBytes(string text)
        {
            var bytes = new byte[text.Length];
            for (int index = 0; index < text.Length; index++) bytes[index] = text[index] < 0x80 ? (byte)text[index] : (byte)'?';
            return bytes;
        }

        public override string GetString(ReadOnlySpan<byte> bytes)
        {
            string text = string.Allocate(bytes.Length);
            Span<char> chars = text.WritableChars;
            for (int index = 0; index < bytes.Length; index++) chars[index] = bytes[index] < 0x80 ? (char)bytes[index] : '?';
            return text;
        }
    }
}
