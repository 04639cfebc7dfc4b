using Kaal.Sdk.Sel4Test;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>The kernel console as the sel4test writer's sink: pieces go straight to the UART (the kernel builds no
/// strings).</summary>
internal struct KernelConsoleSink : ITextSink
{
    public void Write(string text) => KernelConsole.Write(text);

    public void WriteDecimal(ulong value) => KernelConsole.WriteDecimal(value);
}
