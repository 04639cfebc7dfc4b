using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Coroutines;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// Lines a component prints, prefixed `[name] `: through serial_driver's console service when the component
/// is its client (`ipc:console:client`; a line returns once it is written, docs/components.md "The console
/// protocol"), otherwise through the kernel's debug console (system_init, which
/// must still report when the driver it supervises is down). Both end on the same UART.
/// </summary>
public sealed class ConsoleOutput(Sys sys, string componentName, ulong consoleEndpoint)
{
    public const string ServiceName = "console";
    /// <summary>The upper half of the IPC-buffer frame: the debug console reads the text from there.</summary>
    public const ulong DebugTextVirtAddr = ArgsLayout.IpcBufferVirtAddr + 2048;
    public const int DebugTextBytes = 2048;

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    public async ValueTask WriteLineAsync(string text)
    {
        byte[] line = Encoding.ASCII.GetBytes($"[{componentName}] {text}\n");
        if (consoleEndpoint == 0)
        {
            for (int offset = 0; offset < line.Length; offset += DebugTextBytes)
            {
                int count = Math.Min(DebugTextBytes, line.Length - offset);
                sys.WritePrivate(DebugTextVirtAddr, line.AsSpan(offset, count));
                await sys.Syscall(Syscall.DebugPrint, DebugTextVirtAddr, (ulong)count);
            }
            return;
        }
        for (int offset = 0; offset < line.Length; offset += Protocol.ConsoleBytesPerMessage)
        {
            int count = Math.Min(Protocol.ConsoleBytesPerMessage, line.Length - offset);
            ulong info = MessageInfo.Make(Protocol.ConsoleWriteLabel + (ulong)count, (count + 7) / 8, 0, 0);
            ReadOnlySpan<byte> chunk = line.AsSpan(offset, count);
            ulong mr0 = PackWord(chunk, 0), mr1 = PackWord(chunk, 1), mr2 = PackWord(chunk, 2), mr3 = PackWord(chunk, 3);
            // The chunk that ends the line is a Call: serial_driver answers once the line is on the UART, so nothing
            // this component does next (its exit, which system_init reports) can overtake it from another core.
            // The chunks before it are Sends, which return once the driver took them (in order, behind the Call).
            if (offset + count == line.Length) await sys.Call(consoleEndpoint, info, mr0, mr1, mr2, mr3);
            else await sys.Send(consoleEndpoint, info, mr0, mr1, mr2, mr3);
        }
    }

    /// <summary>Bytes 8*<paramref name="word"/>.. of <paramref name="chunk"/> as a little-endian word (zero past the end).</summary>
    public static ulong PackWord(ReadOnlySpan<byte> chunk, int word)
    {
        ulong value = 0;
        for (int index = 0; index < 8 && word * 8 + index < chunk.Length; index++) value |= (ulong)chunk[word * 8 + index] << (index * 8);
        return value;
    }
}
