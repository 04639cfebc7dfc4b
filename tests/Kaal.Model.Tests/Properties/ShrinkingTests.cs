using System;
using CsCheck;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// A planted bug shows what a property failure looks like: the runner finds a failing case among the fixed-seed
/// cases, CsCheck shrinks it, and the report carries the shrunk sequence and a seed that regenerates exactly it.
/// </summary>
public sealed class ShrinkingTests(ITestOutputHelper output)
{
    /// <summary>The planted bug: "a revoke that removes capabilities is an error". The smallest sequence that shows
    /// it derives something from a boot capability (a copy, mint or retype) and revokes that: two operations.</summary>
    private sealed class RevokeRemovingAnythingFails : IStepCheck
    {
        public string? Check(StepContext step) =>
            step.Op is RevokeOp && step.Result.IsOk && step.After.Slots.Count < step.Before.Slots.Count ? "planted bug: a revoke removed capabilities" : null;
    }

    /// <summary>Up to six operations: CsCheck shrinks by drawing random smaller cases, and at this length it draws the
    /// two-operation counterexample often enough within its budget that the test never depends on luck.</summary>
    private static readonly Gen<OpSequence> Sequences = OperationGen.Sequence(new OpMix(Wild: 0, MaxLength: 6));

    private static void Planted(OpSequence sequence) => Harness.Run(sequence, null, new RevokeRemovingAnythingFails());

    [Fact]
    public void A_planted_bug_is_reported_shrunk_to_its_minimal_sequence_with_a_seed_that_reproduces_it()
    {
        PropertyFailure failure = Assert.Throws<PropertyFailure>(() => PropertyRunner.Check("planted", 0x6b61616c_0901, 200, Sequences, Planted));
        output.WriteLine(failure.Message);

        OpSequence shrunk = Sequences.Generate(PCG.Parse(failure.Seed), null, out _);
        Assert.Equal(2, shrunk.Ops.Count);
        Assert.IsNotType<RevokeOp>(shrunk.Ops[0]);
        Assert.IsType<RevokeOp>(shrunk.Ops[1]);
        Assert.Contains("planted bug: a revoke removed capabilities", failure.Message);
        Assert.Contains($"KAAL_PROPERTY_SEED={failure.Seed}", failure.Message);
        Assert.Contains(shrunk.ToString(), failure.Message);
        Assert.Throws<PropertyViolation>(() => Planted(shrunk));
    }

    [Fact]
    public void A_property_that_fails_only_sometimes_is_reported_as_not_deterministic()
    {
        int calls = 0;
        PropertyFailure failure = Assert.Throws<PropertyFailure>(() => PropertyRunner.Check("flaky", 1, 10, Gen.Int[0, 9],
            _ => { if (calls++ == 3) throw new InvalidOperationException("only the fourth call fails"); }));
        Assert.Contains("passed when CsCheck regenerated it: the property is not deterministic", failure.Message);
        Assert.Contains("only the fourth call fails", failure.Message);
        Assert.Equal(new PCG(3, 1).ToString(), failure.Seed);
    }
}
