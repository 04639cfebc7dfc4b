using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kaal.Sim.Faults;

/// <summary>
/// Which faults a campaign injects and how often: each enabled kind has a candidate point with probability
/// 1/OneIn per step (where the kind applies), and at a candidate point the strategy decides, as a recorded
/// decision, whether the fault happens. Faults stop at <see cref="HealAfterSteps"/> (0: never), after which the
/// system must make progress again (liveness monitors only count from there). In swarm mode every schedule
/// draws its own kinds and rates from its seed, as VOPR does, from every kind but those left out
/// (<see cref="SwarmExcluded"/>). Written and parsed as a spec:
/// <c>crash:200,delay-interrupt:50,heal:3000</c>, <c>swarm,heal:3000</c> or <c>swarm:-crash,-timer-jitter</c>.
/// </summary>
public sealed record FaultSettings(IReadOnlyDictionary<FaultKinds, int> OneIn, bool Swarm, int HealAfterSteps, FaultKinds SwarmExcluded = FaultKinds.None)
{
    public static FaultSettings None { get; } = new(new SortedDictionary<FaultKinds, int>(), false, 0);

    private static readonly (string Name, FaultKinds Kind)[] Names =
    {
        ("crash", FaultKinds.Crash),
        ("delay-interrupt", FaultKinds.DelayInterrupt),
        ("duplicate-interrupt", FaultKinds.DuplicateInterrupt),
        ("timer-jitter", FaultKinds.TimerJitter),
        ("retype-exhaustion", FaultKinds.RetypeExhaustion),
    };

    public bool IsNone => !Swarm && OneIn.Count == 0;

    public static string NameOf(FaultKinds kind)
    {
        foreach ((string name, FaultKinds known) in Names)
        {
            if (known == kind) return name;
        }
        return kind.ToString();
    }

    public static IEnumerable<FaultKinds> AllKinds
    {
        get
        {
            foreach ((_, FaultKinds kind) in Names) yield return kind;
        }
    }

    /// <summary>The spec this was parsed from, normalised ("" for none).</summary>
    public string Spec
    {
        get
        {
            var text = new StringBuilder();
            if (Swarm) text.Append("swarm");
            foreach ((string name, FaultKinds kind) in Names)
            {
                if ((SwarmExcluded & kind) != 0) text.Append(text.Length == "swarm".Length ? ":-" : ",-").Append(name);
            }
            foreach ((string name, FaultKinds kind) in Names)
            {
                if (!OneIn.TryGetValue(kind, out int oneIn)) continue;
                if (text.Length > 0) text.Append(',');
                text.Append(name).Append(':').Append(oneIn.ToString(CultureInfo.InvariantCulture));
            }
            if (HealAfterSteps > 0) text.Append(text.Length > 0 ? "," : "").Append("heal:").Append(HealAfterSteps.ToString(CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }

    /// <summary>Parses a spec; <see cref="ArgumentException"/> naming the offending item and what is allowed.</summary>
    public static FaultSettings Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return None;
        var oneIn = new SortedDictionary<FaultKinds, int>();
        bool swarm = false;
        FaultKinds excluded = FaultKinds.None;
        int heal = 0;
        foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == "swarm")
            {
                swarm = true;
                continue;
            }
            if (raw.StartsWith('-') || raw.StartsWith("swarm:-", StringComparison.Ordinal))
            {
                swarm |= raw.StartsWith("swarm:", StringComparison.Ordinal);
                excluded |= KindNamed(raw, raw[(raw.IndexOf('-') + 1)..]);
                continue;
            }
            int colon = raw.IndexOf(':');
            string name = colon < 0 ? raw : raw[..colon];
            string value = colon < 0 ? "" : raw[(colon + 1)..];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
            {
                throw new ArgumentException($"fault spec item '{raw}': expected NAME:N with N a whole number of at least 1");
            }
            if (name == "heal")
            {
                heal = number;
                continue;
            }
            oneIn[KindNamed(raw, name)] = number;
        }
        if (excluded != FaultKinds.None && !swarm) throw new ArgumentException($"fault spec '{spec}': -KIND leaves a kind out of swarm; add swarm (swarm:-crash), or name the kinds to inject (KIND:N)");
        if (swarm && (AllKindsMask & ~excluded) == FaultKinds.None) throw new ArgumentException($"fault spec '{spec}': swarm with every kind left out injects nothing");
        return new FaultSettings(oneIn, swarm, heal, excluded);
    }

    /// <summary>Every kind swarm draws from before any is left out.</summary>
    public static FaultKinds AllKindsMask
    {
        get
        {
            FaultKinds all = FaultKinds.None;
            foreach ((_, FaultKinds kind) in Names) all |= kind;
            return all;
        }
    }

    private static FaultKinds KindNamed(string item, string name)
    {
        foreach ((string known, FaultKinds candidate) in Names)
        {
            if (known == name) return candidate;
        }
        throw new ArgumentException($"fault spec item '{item}': unknown fault '{name}' (known: swarm, swarm:-KIND, -KIND, heal:N, {string.Join(", ", Array.ConvertAll(Names, entry => entry.Name + ":N"))})");
    }
}
