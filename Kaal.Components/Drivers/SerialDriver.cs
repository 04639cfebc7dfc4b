using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Drivers;

/// <summary>
/// Owns the PL011 (its MMIO page and its interrupt) and serves `console`: clients send their output in
/// 32-byte messages, and each client's text is written to the UART a whole line at a time, so lines of two
/// components never interleave. Each message is answered after its bytes were handled: a line's last chunk is a
/// Call, so the client goes on only once its line is out, on any core (docs/components.md, "The console protocol").
/// Received bytes (the UART's interrupt) are echoed back.
/// </summary>
[KaalComponent("serial_driver", ComponentType.Driver, "1.0.0", Description = "PL011 UART owner; the console service",
    Expects = ["memory_map", "ipc:console:server"])]
public sealed class SerialDriver : DriverBase
{
    private const int MaxLineBytes = 512;

    private readonly SortedDictionary<ulong, List<byte>> _pending = new();

    protected override string ServiceName => ConsoleOutput.ServiceName;

    public override async Task InitAsync()
    {
        await base.InitAsync();
        if (Context.Failure is not null) return;
        if (!HasDevice)
        {
            Context.FailSetup("needs memory_map for its UART");
            return;
        }
        await WriteRegisterAsync(Pl011.InterruptMaskOffset, Pl011.InterruptReceive | Pl011.InterruptReceiveTimeout);
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    protected override async ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification)
        {
            if ((request.Badge & InterruptBadge) != 0) await EchoReceivedAsync();
            return Reply.None;
        }
        ulong count = request.Label - Protocol.ConsoleWriteLabel;
        if (request.Label <= Protocol.ConsoleWriteLabel || count > Protocol.ConsoleBytesPerMessage)
        {
            return Reply.With(Protocol.UnknownRequestLabel);
        }
        if (!_pending.TryGetValue(request.Badge, out List<byte>? line))
        {
            line = new List<byte>();
            _pending.Add(request.Badge, line);
        }
        for (int index = 0; index < (int)count; index++)
        {
            ulong word = (index / 8) switch { 0 => request.Mr0, 1 => request.Mr1, 2 => request.Mr2, _ => request.Mr3 };
            byte value = (byte)(word >> (index % 8 * 8));
            line.Add(value);
            if (value == (byte)'\n' || line.Count >= MaxLineBytes)
            {
                foreach (byte pending in line) await TransmitAsync(pending);
                line.Clear();
            }
        }
        // The answer to a line's last chunk (a Call) says the line is written; to a Send it is no one's (seL4: a
        // reply without a reply capability does nothing), so every chunk gets the same ReplyRecv.
        return Reply.Empty;
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask TransmitAsync(byte value)
    {
        for (int guard = 0; guard < 1_000_000 && (await ReadRegisterAsync(Pl011.FlagOffset) & Pl011.FlagTransmitFifoFull) != 0; guard++)
        {
        }
        await WriteRegisterAsync(Pl011.DataOffset, value);
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask EchoReceivedAsync()
    {
        for (int guard = 0; guard < 4096 && (await ReadRegisterAsync(Pl011.FlagOffset) & Pl011.FlagReceiveFifoEmpty) == 0; guard++)
        {
            uint received = await ReadRegisterAsync(Pl011.DataOffset);
            await TransmitAsync((byte)received);
        }
        await WriteRegisterAsync(Pl011.InterruptClearOffset, Pl011.InterruptReceive | Pl011.InterruptReceiveTimeout);
        await AckInterruptAsync();
    }
}
