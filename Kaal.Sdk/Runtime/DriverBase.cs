using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Coroutines;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// A service that owns hardware: the device region `memory_map:ADDR:SIZE` maps for it (32-bit register access,
/// each a scheduling point), and the interrupt `interrupt:IRQ` routes to its bound notification. An interrupt
/// arrives as a notification whose word has <see cref="InterruptBadge"/> set, through <see cref="ServiceBase"/>'s
/// loop or <see cref="WaitForInterruptAsync"/>; the line stays masked until <see cref="AckInterruptAsync"/>.
/// </summary>
public abstract class DriverBase : ServiceBase
{
    private ArgEntry _device;
    private ArgEntry _interrupt;
    private ulong _boundNotification;

    protected ulong DeviceVirtAddr => _device.C;

    protected ulong DevicePhysAddr => _device.A;

    protected uint Irq => (uint)_interrupt.A;

    protected ulong InterruptBadge => _interrupt.B;

    protected bool HasDevice => _device.Kind == ArgKind.Device;

    protected bool HasInterrupt => _interrupt.Kind == ArgKind.Interrupt;

    public override async Task InitAsync()
    {
        await base.InitAsync();
        if (Context.Failure is not null) return;
        Context.TryFind(ArgKind.Device, out _device);
        if (Context.TryFind(ArgKind.Interrupt, out _interrupt))
        {
            if (!Context.Require(ArgKind.BoundNotification, "a bound notification for its interrupt", out ArgEntry notification)) return;
            _boundNotification = notification.Cptr;
            // The line starts masked; the first acknowledgement opens it, once the driver can take interrupts.
            await AckInterruptAsync();
        }
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    protected async ValueTask<uint> ReadRegisterAsync(ulong offsetBytes) => (uint)(await Sys.MmioRead32(DeviceVirtAddr + offsetBytes)).X1;

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    protected async ValueTask WriteRegisterAsync(ulong offsetBytes, uint value) => await Sys.MmioWrite32(DeviceVirtAddr + offsetBytes, value);

    /// <summary>Blocks until the interrupt fires (other signals of the bound notification are returned too).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    protected async ValueTask<ulong> WaitForInterruptAsync() => (await Sys.Wait(_boundNotification)).Badge;

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    protected async ValueTask AckInterruptAsync()
    {
        SyscallResult result = await Sys.Syscall(Syscall.IrqAck, _interrupt.Cptr);
        if (!result.IsOk) Sys.Fail($"IRQ {Irq}: ack failed with {result.Status.Name()} ({result.Reason.Name()})");
    }
}
