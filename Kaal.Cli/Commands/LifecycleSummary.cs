using System;
using Kaal.Hil.Protocol;

namespace Kaal.Cli.Commands;

/// <summary>
/// `kaal run`'s closing line about the run itself (steps, messages, how it ended). The component counts are
/// system_init's own summary line, which the console already shows; only when system_init never printed it (the run
/// ended before) are the lifecycle lines counted here, by the verbs they print, so the two never disagree.
/// </summary>
internal sealed class LifecycleSummary
{
    private const string SystemInitName = "system_init";
    private const string SummaryPrefix = "summary: ";
    private int _started, _restarted, _faulted, _exited, _notStarting, _spawnFailed;
    private bool _systemInitSummarised;

    public void Observe(string line)
    {
        if (!ComponentLine.TryParse(line, out ComponentLine printed)) return;
        if (printed.Component == SystemInitName && printed.Text.StartsWith(SummaryPrefix, StringComparison.Ordinal)) _systemInitSummarised = true;
        if (!LifecycleLine.TryParse(printed, out LifecycleLine lifecycle)) return;
        switch (lifecycle.Verb)
        {
            case LifecycleVerb.Started: _started++; break;
            case LifecycleVerb.Restarting: _restarted++; break;
            case LifecycleVerb.Faulted: _faulted++; break;
            case LifecycleVerb.Exited: _exited++; break;
            case LifecycleVerb.NotStarting: _notStarting++; break;
            case LifecycleVerb.SpawnFailed: _spawnFailed++; break;
        }
    }

    public string Describe(SystemRun run)
    {
        string lifecycle = _systemInitSummarised ? "" :
            $"system_init printed no summary; its lifecycle lines: {_started} started, {_restarted} restarting, {_faulted} faulted, {_exited} exited, {_notStarting} not starting, {_spawnFailed} spawn failed; ";
        return $"run: {lifecycle}{run.Simulation.Kernel.MessagesDelivered} messages delivered; {run.Result.Decisions.Count} steps; {run.End}";
    }
}
