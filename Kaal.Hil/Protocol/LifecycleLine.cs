using System;
using System.Collections.Generic;

namespace Kaal.Hil.Protocol;

/// <summary>
/// One of system_init's lifecycle lines, `[system_init] VERB NAME ...` (Kaal.Components/Supervision): which
/// component it is about and what happened to it. Its other lines (phases, the shutdown, the summary) are about
/// the system as a whole and are not lifecycle lines.
/// </summary>
public readonly record struct LifecycleLine(LifecycleVerb Verb, string Subject)
{
    public const string SystemInit = "system_init";

    /// <summary>The words before the component's name, as SystemInit.cs prints them.</summary>
    private static readonly IReadOnlyList<(string Words, LifecycleVerb Verb)> Phrases =
    [
        ("spawned ", LifecycleVerb.Spawned),
        ("started ", LifecycleVerb.Started),
        ("exited ", LifecycleVerb.Exited),
        ("faulted ", LifecycleVerb.Faulted),
        ("restarting ", LifecycleVerb.Restarting),
        ("not restarting ", LifecycleVerb.NotRestarting),
        ("gave up on ", LifecycleVerb.GaveUp),
        ("stopped ", LifecycleVerb.Stopped),
        ("not starting ", LifecycleVerb.NotStarting),
        ("spawn failed for ", LifecycleVerb.SpawnFailed),
    ];

    /// <summary>A console line of system_init's ("[system_init] started ipc_consumer") as a lifecycle line.</summary>
    public static bool TryParse(ComponentLine line, out LifecycleLine parsed)
    {
        parsed = default;
        if (line.Component != SystemInit) return false;
        foreach ((string words, LifecycleVerb verb) in Phrases)
        {
            if (!line.Text.StartsWith(words, StringComparison.Ordinal)) continue;
            string rest = line.Text.Substring(words.Length);
            int end = rest.IndexOfAny([' ', ':']);
            string subject = end < 0 ? rest : rest.Substring(0, end);
            if (subject.Length == 0) return false;
            parsed = new LifecycleLine(verb, subject);
            return true;
        }
        return false;
    }
}
