using System;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// Runs an FsCheck property deterministically. Every property has a fixed seed so CI is reproducible.
/// To explore, set KAAL_PROPERTY_SEED: a number replays that seed for every property, "random" draws a
/// fresh one (printed on failure, with the replay line FsCheck prints). KAAL_PROPERTY_TESTS scales the case
/// count (e.g. KAAL_PROPERTY_TESTS=5000 for a long soak).
/// </summary>
public static class PropertyRunner
{
    public static void Check(string name, ulong fixedSeed, int maxTest, Arbitrary<OpSequence> sequences, Action<OpSequence> property)
    {
        string? seedSetting = Environment.GetEnvironmentVariable("KAAL_PROPERTY_SEED");
        string? testsSetting = Environment.GetEnvironmentVariable("KAAL_PROPERTY_TESTS");
        if (int.TryParse(testsSetting, out int tests) && tests > 0) maxTest = tests;
        Config config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithEndSize(100).WithQuietOnSuccess(true);
        ulong seed = fixedSeed;
        if (string.Equals(seedSetting, "random", StringComparison.OrdinalIgnoreCase))
        {
            seed = (ulong)global::System.Random.Shared.NextInt64();
        }
        else if (ulong.TryParse(seedSetting, out ulong given))
        {
            seed = given;
        }
        config = config.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            Prop.ForAll(sequences, property).Check(config.WithName(name));
        }
        catch (Exception failure)
        {
            throw new PropertyViolation(
                $"property '{name}' failed (seed {seed}; rerun with KAAL_PROPERTY_SEED={seed}).\n{failure.Message}");
        }
    }
}
