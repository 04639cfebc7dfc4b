using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Drivers;

/// <summary>
/// Owns the EL1 physical timer (its interrupt, and its registers, which the kernel opens to EL0) and serves
/// `timer`: a Call with SleepLabel and MR0 = microseconds is answered once that much time has passed.
/// One sleeper at a time (a reply right lasts until the next receive, and there is no way to keep several),
/// so later callers queue on the endpoint; a timeout service with many pending sleepers needs reply objects.
/// </summary>
public sealed class TimerDriver : DriverBase
{
    private const ulong ControlEnable = 1;
    private const ulong MicrosecondsPerSecond = 1_000_000;

    private ulong _frequencyHz;

    protected override string ServiceName => SystemInit.SystemInit.TimerService;

    public override async Task InitAsync()
    {
        await base.InitAsync();
        if (!HasInterrupt) throw new ComponentSetupException(Context.Name, "needs interrupt:30 (the EL1 physical timer)");
        _frequencyHz = (await Sys.ReadRegister(SystemRegister.CounterFrequency)).X1;
        Sys.Assert(_frequencyHz > 0, "the counter frequency is 0");
    }

    protected override async ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification) return Reply.None;
        if (request.Label != Protocol.SleepLabel) return Reply.With(Protocol.UnknownRequestLabel);
        ulong now = (await Sys.ReadRegister(SystemRegister.PhysicalCount)).X1;
        ulong ticks = request.Mr0 * _frequencyHz / MicrosecondsPerSecond;
        await Sys.WriteRegister(SystemRegister.TimerCompare, now + ticks);
        await Sys.WriteRegister(SystemRegister.TimerControl, ControlEnable);
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            ulong word = await WaitForInterruptAsync();
            if ((word & InterruptBadge) != 0) break;
        }
        await Sys.WriteRegister(SystemRegister.TimerControl, 0);
        await AckInterruptAsync();
        return Reply.With(0);
    }
}
