using System.Collections.Generic;

namespace Kaal.Sim.Devices;

/// <summary>
/// The PL011 UART as serial_driver sees it: transmitted bytes go to the run's console (the same stream the
/// kernel's debug console writes to, as on the board); received bytes come from an input queue; the receive
/// interrupt is asserted while the queue is not empty and the driver unmasked it. The transmit FIFO never fills.
/// Register offsets are written here from the TRM (DDI 0183), not taken from serial_driver's constants: a driver
/// with a wrong offset must misbehave in the simulator as it would on the board.
/// </summary>
public sealed class Pl011Model(ulong baseAddr, uint irq)
{
    private const ulong DataOffset = 0x000;
    private const ulong FlagOffset = 0x018;
    private const ulong InterruptMaskOffset = 0x038;
    private const ulong RawInterruptOffset = 0x03C;
    private const ulong MaskedInterruptOffset = 0x040;
    private const uint FlagReceiveEmpty = 1 << 4;
    private const uint FlagTransmitEmpty = 1 << 7;
    private const uint ReceiveInterrupt = 1 << 4;
    public const ulong SizeBytes = 0x1000;

    private readonly Queue<byte> _input = new();
    private uint _mask;

    public ulong BaseAddr { get; } = baseAddr;

    public uint Irq { get; } = irq;

    public bool Contains(ulong physAddr) => physAddr >= BaseAddr && physAddr < BaseAddr + SizeBytes;

    public bool InterruptAsserted => _input.Count > 0 && (_mask & ReceiveInterrupt) != 0;

    public void QueueInput(byte value) => _input.Enqueue(value);

    public void Reset()
    {
        _input.Clear();
        _mask = 0;
    }

    public uint Read32(ulong physAddr) => (physAddr - BaseAddr) switch
    {
        DataOffset => _input.Count > 0 ? _input.Dequeue() : 0u,
        FlagOffset => FlagTransmitEmpty | (_input.Count == 0 ? FlagReceiveEmpty : 0u),
        InterruptMaskOffset => _mask,
        RawInterruptOffset => _input.Count > 0 ? ReceiveInterrupt : 0u,
        MaskedInterruptOffset => InterruptAsserted ? ReceiveInterrupt : 0u,
        _ => 0u,
    };

    public void Write32(ulong physAddr, uint value, List<byte> console)
    {
        switch (physAddr - BaseAddr)
        {
            case DataOffset:
                console.Add((byte)value);
                break;
            case InterruptMaskOffset:
                _mask = value;
                break;
        }
    }
}
