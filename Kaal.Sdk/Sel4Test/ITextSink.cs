namespace Kaal.Sdk.Sel4Test;

/// <summary>Where <see cref="Sel4TestWriter"/> puts a line's pieces: the kernel's UART (no strings can be built
/// there) or a component's line text. Implemented by structs, so a writer call is direct even in the kernel image,
/// which has no interface dispatch.</summary>
public interface ITextSink
{
    void Write(string text);

    void WriteDecimal(ulong value);
}
