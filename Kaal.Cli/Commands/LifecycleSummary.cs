using System;
using Kaal.Hil.Protocol;

namespace Kaal.Cli.Commands;

/// <summary>Counts system_init's lifecycle lines as they scroll past, for `kaal run`'s closing summary.</summary>
internal sealed class LifecycleSummary
{
    private int _started, _restarted, _faulted, _exited, _skipped, _spawnFailures;

    public void Observe(string line)
    {
        if (!ComponentLine.TryParse(line, out ComponentLine printed) || !LifecycleLine.TryParse(printed, out LifecycleLine lifecycle)) return;
        switch (lifecycle.Verb)
        {
            case LifecycleVerb.Started: _started++; break;
            case LifecycleVerb.Restarting: _restarted++; break;
            case LifecycleVerb.Faulted: _faulted++; break;
            case LifecycleVerb.Exited: _exited++; break;
            case LifecycleVerb.NotStarting: _skipped++; break;
            case LifecycleVerb.SpawnFailed: _spawnFailures++; break;
        }
    }

    public string Describe(SystemRun run)
    {
        string text = $"summary: {_started} started, {_restarted} restarted, {_faulted} faulted, {_exited} exited, {_skipped} not started, {_spawnFailures} spawn failures; " +
            $"{run.Simulation.Kernel.MessagesDelivered} messages delivered; {run.Result.Decisions.Count} steps; {run.End}";
        return run.Result.Report.Length > 0 ? text + Environment.NewLine + run.Result.Report : text;
    }
}
