using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Supervision;

/// <summary>
/// Restarts and their backoff. The backoff never blocks system_init: the earliest deadline goes into the page it
/// shares with the timer service, a signal tells the service, and the service's signal on system_init's bound
/// notification says a deadline passed (a blocking Call to the timer deadlocked when the timer itself faulted).
/// </summary>
public sealed partial class SystemInit
{
    private enum RestartPlan
    {
        No,
        Now,
        /// <summary>After its backoff: the timer service will signal when it is due.</summary>
        Later,
    }

    /// <summary>Whether the policy and the limit allow another attempt; if so, counts it, says so and decides when:
    /// after its backoff when the timer service can signal it, at once otherwise (and it says why).</summary>
    private async Task<RestartPlan> PlanRestartAsync(Supervised component)
    {
        if (component.Spec.Restart == RestartRule.Never || component.Restarts >= component.Spec.RestartLimit) return RestartPlan.No;
        component.Restarts++;
        _restartedCount++;
        uint backoffMs = component.Spec.BackoffMs;
        await Report($"restarting {component.Spec.Name} (restart {component.Restarts} of {component.Spec.RestartLimit}, backoff {backoffMs} ms)");
        if (backoffMs == 0) return RestartPlan.Now;
        if (!TimerUsable() || component == _timer)
        {
            if (_wantsTimer) await Report($"no backoff: the {TimerService} service is not available");
            return RestartPlan.Now;
        }
        ulong due = await NowAsync() + (ulong)backoffMs * _frequencyHz / 1000;
        _backoffs.Add((component, due));
        component.State = LifecycleState.Restarting;
        await RequestWakeAsync();
        return RestartPlan.Later;
    }

    private bool TimerUsable() => _timerWake != 0 && _timer is not null && _timer.State == LifecycleState.Running;

    /// <summary>Publishes the earliest deadline (a backoff's, a stop's, or fs's answer's) in the wake page and signals the timer service (never blocks).</summary>
    private async Task RequestWakeAsync()
    {
        if (_backoffs.Count == 0 && _fsAnswerDueTicks == 0) return;
        ulong earliest = _fsAnswerDueTicks == 0 ? ulong.MaxValue : _fsAnswerDueTicks;
        foreach ((_, ulong due) in _backoffs) earliest = System.Math.Min(earliest, due);
        await Sys.Store(ArgsLayout.WakePageVirtAddr, earliest, MemoryOrder.Release);
        await Sys.Signal(_timerWake);
    }

    /// <summary>Spawns every component whose backoff is over, kills every old version whose stop deadline passed (all of them when <paramref name="cutShort"/>: the timer
    /// service is gone and nobody would say when), then asks for the next wake.</summary>
    private async Task RestartDueAsync(bool cutShort)
    {
        ulong now = cutShort ? ulong.MaxValue : await NowAsync();
        if (cutShort) await Report($"backoff cut short: the {TimerService} service is down");
        for (int guard = 0; guard < _components.Length; guard++)
        {
            int index = _backoffs.FindIndex(entry => entry.DueTicks <= now);
            if (index < 0) break;
            Supervised component = _backoffs[index].Component;
            _backoffs.RemoveAt(index);
            if (component.State == LifecycleState.Restarting) await StartAsync(component);
            else if (component.Replacement is { Phase: ReplacementPhase.Stopping }) await ReplaceStoppedAsync(component, 0, killed: true);
        }
        if (TimerUsable()) await RequestWakeAsync();
    }

    private async Task<ulong> NowAsync() => (await Sys.ReadRegister(SystemRegister.PhysicalCount)).X1;
}
