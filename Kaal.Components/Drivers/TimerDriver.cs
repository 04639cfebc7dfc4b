using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Drivers;

/// <summary>
/// Owns the EL1 physical timer (its interrupt, and its registers, which the kernel opens to EL0) and serves `timer`:
/// <list type="bullet">
/// <item>Sleep: a Call with SleepLabel and MR0 = microseconds is answered once that much time has passed. One sleeper
/// at a time (a reply right lasts until the next receive), so later callers queue on the endpoint.</item>
/// <item>Wake, for the supervisor: system_init writes a deadline into the shared wake page and signals this driver;
/// when the deadline passes the driver signals system_init's notification. Both directions are signals, so a
/// driver that faults can never leave its supervisor blocked (the deadlock a blocking sleep Call had; found by
/// fault injection).</item>
/// </list>
/// The timer is armed for the earliest of the two deadlines.
/// </summary>
[KaalComponent("timer_driver", ComponentType.Driver, "1.0.0", Description = "EL1 physical timer owner; the sleep service",
    Expects = ["interrupt", "ipc:timer:server"])]
public sealed class TimerDriver : DriverBase
{
    private const ulong ControlEnable = 1;
    private const ulong MicrosecondsPerSecond = 1_000_000;

    private ulong _frequencyHz;
    private ArgEntry _wake;
    private ulong _sleepDeadlineTicks;
    private ulong _wakeDeadlineTicks;

    protected override string ServiceName => Supervision.SystemInit.TimerService;

    public override async Task InitAsync()
    {
        await base.InitAsync();
        if (Context.Failure is not null) return;
        if (!HasInterrupt)
        {
            Context.FailSetup("needs the EL1 physical timer's interrupt (interrupt:30 on qemu-virt and qemu-raspi4b, interrupt:65 on qemu-raspi3b)");
            return;
        }
        Context.TryFind(ArgKind.SupervisorWake, out _wake);
        _frequencyHz = (await Sys.ReadRegister(SystemRegister.CounterFrequency)).X1;
        Sys.Assert(_frequencyHz > 0, "the counter frequency is 0");
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    protected override async ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification)
        {
            await ProcessSignalsAsync(request.Badge);
            return Reply.None;
        }
        if (request.Label != Protocol.SleepLabel) return Reply.With(Protocol.UnknownRequestLabel);
        _sleepDeadlineTicks = await NowAsync() + request.Mr0 * _frequencyHz / MicrosecondsPerSecond;
        await ArmAsync();
        for (int guard = 0; _sleepDeadlineTicks != 0 && guard < 1_000_000; guard++)
        {
            await ProcessSignalsAsync(await WaitForInterruptAsync());
        }
        return Reply.With(0);
    }

    /// <summary>A wake request (read the page), the timer's interrupt (fire what is due), or both.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask ProcessSignalsAsync(ulong word)
    {
        if ((word & Protocol.TimerWakeBadge) != 0 && _wake.Kind == ArgKind.SupervisorWake)
        {
            _wakeDeadlineTicks = (await Sys.Load(_wake.B, MemoryOrder.Acquire)).X1;
        }
        bool interrupted = (word & InterruptBadge) != 0;
        if (interrupted) await Sys.WriteRegister(SystemRegister.TimerControl, 0);
        ulong now = await NowAsync();
        if (_wakeDeadlineTicks != 0 && now >= _wakeDeadlineTicks)
        {
            _wakeDeadlineTicks = 0;
            await Sys.Signal(_wake.Cptr);
        }
        if (_sleepDeadlineTicks != 0 && now >= _sleepDeadlineTicks) _sleepDeadlineTicks = 0;
        if (interrupted) await AckInterruptAsync();
        await ArmAsync();
    }

    /// <summary>The timer set for the earliest pending deadline, or off.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask ArmAsync()
    {
        ulong next = _sleepDeadlineTicks == 0 ? _wakeDeadlineTicks
            : _wakeDeadlineTicks == 0 ? _sleepDeadlineTicks
            : System.Math.Min(_sleepDeadlineTicks, _wakeDeadlineTicks);
        if (next == 0)
        {
            await Sys.WriteRegister(SystemRegister.TimerControl, 0);
            return;
        }
        await Sys.WriteRegister(SystemRegister.TimerCompare, next);
        await Sys.WriteRegister(SystemRegister.TimerControl, ControlEnable);
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<ulong> NowAsync() => (await Sys.ReadRegister(SystemRegister.PhysicalCount)).X1;
}
