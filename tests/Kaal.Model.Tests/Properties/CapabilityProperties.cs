using System;
using Xunit;
using Kaal.Tests.Shared;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// Model-based property tests (issue 2). Every property runs random operation sequences (1..60 operations)
/// on Kaal.Model and on the independent <see cref="Reference.ReferenceCSpace"/> through
/// <see cref="Harness"/>: after every step the two agree on the result (error, lookup fault, bits left,
/// source flag, range, bytes left) and on the observable state (every slot of every live CNode: type,
/// rights, badge, guard, object, watermark, original flag, CDT parent; the live objects), and Kaal.Model's
/// invariant checker passes. On top of that each named property checks its own rule directly on the
/// observable state, with an operation mix that exercises it, and insists its interesting cases occurred.
/// A failure shrinks to a minimal sequence; the message prints it one operation per line with the first
/// difference. Seeds are fixed; KAAL_PROPERTY_SEED=random (or a number) explores (see <see cref="PropertyRunner"/>).
/// </summary>
public sealed class CapabilityProperties(ITestOutputHelper output)
{
    private Coverage Run(string name, ulong seed, int cases, OpMix mix, Func<Coverage, IStepCheck[]> checks) =>
        Run(name, seed, cases, mix, Array.Empty<Op>(), checks);

    /// <summary>Runs the property's sequences (each starting with <paramref name="prefix"/>) through the
    /// <see cref="Harness"/> with the checks made for the run's coverage counter, which it returns.</summary>
    private Coverage Run(string name, ulong seed, int cases, OpMix mix, Op[] prefix, Func<Coverage, IStepCheck[]> checks) =>
        Coverage.Of(output, name, seed, cases, OperationGen.Sequence(mix, prefix), (sequence, coverage) => Harness.Run(sequence, coverage, checks(coverage)));

    [Fact]
    public void Model_agrees_with_reference_on_random_operation_sequences()
    {
        Coverage c = Run(nameof(Model_agrees_with_reference_on_random_operation_sequences), 0x6b61616c_0001, 500, new OpMix(),
            coverage => [new NoRightsAmplification(coverage), new RevokeRemovesExactlyDescendants(coverage), new LastCapDestroysAndMemoryReuse(coverage), new NoOverlappingMemory(coverage)]);
        c.RequireAtLeast(20, "Copy Ok", "Mint Ok", "Move Ok", "Mutate Ok", "Rotate Ok", "Delete Ok", "Revoke Ok", "Retype Ok", "IrqGet Ok", "Lookup Ok", "Copy DeleteFirst");
        c.RequireAtLeast(10, "Retype NotEnoughMemory");
        c.RequireAtLeast(5, "Mint IllegalOperation", "Rotate IllegalOperation");
        c.RequireAtLeast(3, "Copy RevokeFirst");
    }

    [Fact]
    public void No_rights_amplification_along_any_derivation()
    {
        Coverage c = Run(nameof(No_rights_amplification_along_any_derivation), 0x6b61616c_0002, 400,
            new OpMix(Copy: 10, Mint: 14, Move: 3, Mutate: 3, Rotate: 3, Delete: 12, Revoke: 3, Retype: 4, Irq: 1, Lookup: 0, Wild: 0, Endpoints: 12),
            OperationGen.EndpointsInWorkSlots(), coverage => [new NoRightsAmplification(coverage)]);
        c.RequireAtLeast(100, "derivations that dropped rights");
        c.RequireAtLeast(1000, "same-object derivation edges checked");
        c.RequireAtLeast(15, "mint from a badged capability");
    }

    [Fact]
    public void Revoke_removes_exactly_the_descendants_and_keeps_the_cap()
    {
        Coverage c = Run(nameof(Revoke_removes_exactly_the_descendants_and_keeps_the_cap), 0x6b61616c_0003, 300,
            new OpMix(Copy: 8, Mint: 8, Move: 2, Mutate: 2, Rotate: 1, Delete: 3, Revoke: 6, Retype: 8, Irq: 1, Lookup: 0, Wild: 0),
            coverage => [new RevokeRemovesExactlyDescendants(coverage)]);
        c.RequireAtLeast(10, "revoke: with grandchildren");
        c.RequireAtLeast(20, "revoke: children only");
    }

    [Fact]
    public void Deleting_the_last_cap_destroys_the_object_and_memory_is_reused_only_after_the_untyped_has_no_children()
    {
        Coverage c = Run(nameof(Deleting_the_last_cap_destroys_the_object_and_memory_is_reused_only_after_the_untyped_has_no_children), 0x6b61616c_0004, 300,
            new OpMix(Copy: 4, Mint: 2, Move: 2, Mutate: 1, Rotate: 1, Delete: 8, Revoke: 4, Retype: 12, Irq: 2, Lookup: 0, Wild: 0),
            coverage => [new LastCapDestroysAndMemoryReuse(coverage)]);
        c.RequireAtLeast(100, "delete: last capability");
        c.RequireAtLeast(20, "delete: not the last capability", "retype: memory reused after the untyped lost its children");
        c.RequireAtLeast(40, "retype: above the watermark");
    }

    [Fact]
    public void Retype_never_hands_out_overlapping_memory()
    {
        Coverage c = Run(nameof(Retype_never_hands_out_overlapping_memory), 0x6b61616c_0005, 300,
            new OpMix(Copy: 3, Mint: 1, Move: 2, Mutate: 1, Rotate: 1, Delete: 5, Revoke: 4, Retype: 15, Irq: 0, Lookup: 0, Wild: 0),
            coverage => [new NoOverlappingMemory(coverage)]);
        c.RequireAtLeast(100, "retype: 1 new object(s)");
        c.RequireAtLeast(50, "retype: 3 new object(s)");
    }

    [Fact]
    public void Lookup_agrees_with_reference_for_arbitrary_cptr_and_depth_including_guards()
    {
        Coverage c = Run(nameof(Lookup_agrees_with_reference_for_arbitrary_cptr_and_depth_including_guards), 0x6b61616c_0006, 400,
            new OpMix(Copy: 2, Mint: 8, Move: 3, Mutate: 8, Rotate: 1, Delete: 1, Revoke: 1, Retype: 10, Irq: 0, Lookup: 25, CNodes: 12), _ => []);
        c.RequireAtLeast(30, "resolve: ok in a nested CNode", "resolve: ok from a minted/mutated CNode capability", "resolve: DepthMismatch");
        c.RequireAtLeast(100, "resolve: GuardMismatch");
        c.RequireAtLeast(10, "resolve: stopped early at a non-CNode slot");
        c.RequireAtLeast(5, "Lookup RangeError");
    }
}
