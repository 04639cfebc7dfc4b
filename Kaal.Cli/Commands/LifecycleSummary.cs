using System;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>Counts system_init's lifecycle lines as they scroll past, for `kaal run`'s closing summary.</summary>
internal sealed class LifecycleSummary
{
    private const string Prefix = "[system_init] ";

    private int _started, _restarted, _faulted, _exited, _skipped, _spawnFailures;

    public void Observe(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return;
        string text = line.Substring(Prefix.Length);
        if (text.StartsWith("started ", StringComparison.Ordinal)) _started++;
        else if (text.StartsWith("restarting ", StringComparison.Ordinal)) _restarted++;
        else if (text.StartsWith("faulted ", StringComparison.Ordinal)) _faulted++;
        else if (text.StartsWith("exited ", StringComparison.Ordinal)) _exited++;
        else if (text.StartsWith("not starting ", StringComparison.Ordinal)) _skipped++;
        else if (text.StartsWith("spawn failed ", StringComparison.Ordinal)) _spawnFailures++;
    }

    public string Describe(RunResult result, Simulation simulation)
    {
        string end = simulation.ShutDown
            ? $"shut down with exit code {simulation.ExitCode}"
            : $"{result.Outcome}: {result.Message}";
        string text = $"summary: {_started} started, {_restarted} restarted, {_faulted} faulted, {_exited} exited, {_skipped} not started, {_spawnFailures} spawn failures; " +
            $"{simulation.Kernel.MessagesDelivered} messages delivered; {result.Decisions.Count} steps; {end}";
        return result.Report.Length > 0 ? text + Environment.NewLine + result.Report : text;
    }
}
