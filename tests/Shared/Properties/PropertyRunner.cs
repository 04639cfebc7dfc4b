using System;
using System.Text.RegularExpressions;
using CsCheck;

namespace Kaal.Tests.Shared;

/// <summary>
/// Runs a property over cases that CsCheck generates, and shrinks a failure with CsCheck.
///
/// CI runs are reproducible: case i comes from a PCG seeded with the property's fixed seed on stream i (CsCheck's own
/// <c>Sample</c> would draw fresh random cases on every run, so coverage checks could not rely on them). The first
/// failing case is handed to CsCheck, which starts from its seed and keeps generating, asserting only candidates
/// smaller than the current failure (<see cref="ShrinkCandidates"/> of them); the report prints the shrunk case, the
/// property's message for it and the CsCheck seed that regenerates it.
///
/// KAAL_PROPERTY_SEED: a CsCheck seed (as a report prints it) runs that one case, then shrinks it if it fails; a
/// number replaces every property's fixed seed; "random" draws one. KAAL_PROPERTY_TESTS scales the case count and
/// KAAL_PROPERTY_SHRINK the shrink candidates (e.g. 200000 to shrink a large failure further).
/// </summary>
public static partial class PropertyRunner
{
    public const int ShrinkCandidates = 20_000;

    /// <summary>True when the environment changed the cases (seed or count): coverage then varies and is only printed.</summary>
    public static bool Exploring =>
        Environment.GetEnvironmentVariable("KAAL_PROPERTY_SEED") is not null || Environment.GetEnvironmentVariable("KAAL_PROPERTY_TESTS") is not null;

    public static void Check<T>(string name, ulong fixedSeed, int cases, Gen<T> generator, Action<T> property, Func<T, string>? print = null)
    {
        string? seedSetting = Environment.GetEnvironmentVariable("KAAL_PROPERTY_SEED");
        if (int.TryParse(Environment.GetEnvironmentVariable("KAAL_PROPERTY_TESTS"), out int tests) && tests > 0) cases = tests;
        if (seedSetting is not null && !ulong.TryParse(seedSetting, out _) && !seedSetting.Equals("random", StringComparison.OrdinalIgnoreCase))
        {
            RunCase(name, generator, property, print, seedSetting, "the case of KAAL_PROPERTY_SEED");
            return;
        }
        ulong baseSeed = fixedSeed;
        if (ulong.TryParse(seedSetting, out ulong given)) baseSeed = given;
        else if (seedSetting is not null) baseSeed = (ulong)Random.Shared.NextInt64();
        for (int i = 0; i < cases; i++)
        {
            string caseSeed = new PCG((uint)i, baseSeed).ToString();
            RunCase(name, generator, property, print, caseSeed, $"case {i + 1} of {cases} (base seed {baseSeed})");
        }
    }

    private static void RunCase<T>(string name, Gen<T> generator, Action<T> property, Func<T, string>? print, string caseSeed, string which)
    {
        T value = generator.Generate(PCG.Parse(caseSeed), null, out _);
        try
        {
            property(value);
        }
        catch (Exception failure)
        {
            throw Shrunk(name, generator, property, print, caseSeed, which, failure);
        }
    }

    /// <summary>CsCheck shrinks from the failing seed on one thread (properties keep coverage counters that are not
    /// thread-safe); it always rethrows, at worst with the original case.</summary>
    private static PropertyFailure Shrunk<T>(string name, Gen<T> generator, Action<T> property, Func<T, string>? print, string caseSeed, string which, Exception first)
    {
        int candidates = int.TryParse(Environment.GetEnvironmentVariable("KAAL_PROPERTY_SHRINK"), out int n) && n > 0 ? n : ShrinkCandidates;
        try
        {
            generator.Sample(property, seed: caseSeed, iter: candidates, threads: 1, print: print ?? (v => v?.ToString() ?? "null"));
        }
        catch (CsCheckException shrunk)
        {
            string seed = SeedLine().Match(shrunk.Message) is { Success: true } m ? m.Groups[1].Value : caseSeed;
            return new PropertyFailure(
                $"property '{name}' failed on {which}, seed {caseSeed}; shrunk by CsCheck to the case below. " +
                $"Rerun it with KAAL_PROPERTY_SEED={seed}\n{shrunk.Message}\n{shrunk.InnerException?.Message}", seed, shrunk.InnerException ?? first);
        }
        return new PropertyFailure(
            $"property '{name}' failed on {which}, seed {caseSeed}, but passed when CsCheck regenerated it: the property is not deterministic\n{first.Message}", caseSeed, first);
    }

    [GeneratedRegex("Set seed: \"([^\"]+)\"")]
    private static partial Regex SeedLine();
}

/// <summary>A property failed; <see cref="Seed"/> is the CsCheck seed of the (shrunk) failing case.</summary>
public sealed class PropertyFailure(string message, string seed, Exception cause) : Exception(message, cause)
{
    public string Seed { get; } = seed;
}
