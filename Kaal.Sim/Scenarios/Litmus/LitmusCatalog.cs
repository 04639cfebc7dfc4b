using System.Collections.Generic;
using Kaal.Sdk;
using static Kaal.Sim.Scenarios.Litmus.LitmusInstruction;

namespace Kaal.Sim.Scenarios.Litmus;

/// <summary>
/// The litmus tests the simulator's ARMv8 model is checked against: message passing (MP), store buffering
/// (SB), load buffering (LB), each plain and with barriers or release/acquire, plus dependencies and
/// coherence. The allowed outcomes are the architecture's (ARMv8 axiomatic model: the external visibility
/// requirement over ob = observed-by, dependency-ordered-before, atomic-ordered-before and barrier-ordered-
/// before; the published results of herd7 for these shapes). x = location 0, y = location 1.
/// </summary>
public static class LitmusCatalog
{
    private const int X = 0, Y = 1;
    private static readonly string[] All2 = ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=0", "r0=1 r1=1"];

    /// <summary>MP: T0 writes x then y; T1 reads y then x. Weak outcome r0=1 r1=0 (y seen, x not).</summary>
    private static readonly string[] MpSc = ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=1"];

    /// <summary>SB: each thread writes its location then reads the other's. Weak outcome r0=0 r1=0.</summary>
    private static readonly string[] SbSc = ["r0=0 r1=1", "r0=1 r1=0", "r0=1 r1=1"];

    /// <summary>LB: each thread reads one location then writes the other. Weak outcome r0=1 r1=1.</summary>
    private static readonly string[] LbSc = ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=0"];

    public static IReadOnlyList<LitmusTest> All { get; } =
    [
        Mp("MP", "plain stores and loads", [St(X, 1), St(Y, 1)], [Ld(0, Y), Ld(1, X)], allowed: true),
        Mp("MP+dmb.sys", "DMB ISH between the stores and between the loads", [St(X, 1), Dmb(), St(Y, 1)], [Ld(0, Y), Dmb(), Ld(1, X)], allowed: false),
        Mp("MP+rel+acq", "release store of y, acquire load of y", [St(X, 1), St(Y, 1, MemoryOrder.Release)], [Ld(0, Y, MemoryOrder.Acquire), Ld(1, X)], allowed: false),
        Mp("MP+dmb.st+dmb.ld", "DMB ISHST between the stores, DMB ISHLD between the loads", [St(X, 1), Dmb(BarrierKind.Stores), St(Y, 1)], [Ld(0, Y), Dmb(BarrierKind.Loads), Ld(1, X)], allowed: false),
        Mp("MP+dmb.sy+po", "only the writer fenced: the loads may still be satisfied out of order", [St(X, 1), Dmb(), St(Y, 1)], [Ld(0, Y), Ld(1, X)], allowed: true),
        Mp("MP+po+acq", "only the reader ordered: the stores may still become visible out of order", [St(X, 1), St(Y, 1)], [Ld(0, Y, MemoryOrder.Acquire), Ld(1, X)], allowed: true),
        Sb("SB", "plain stores and loads", [St(X, 1), Ld(0, Y)], [St(Y, 1), Ld(1, X)], allowed: true),
        Sb("SB+dmb.sys", "DMB ISH between each store and load", [St(X, 1), Dmb(), Ld(0, Y)], [St(Y, 1), Dmb(), Ld(1, X)], allowed: false),
        Sb("SB+rel+acq", "release stores, acquire loads (ARMv8's are RCsc: an acquire does not pass an earlier release)", [St(X, 1, MemoryOrder.Release), Ld(0, Y, MemoryOrder.Acquire)], [St(Y, 1, MemoryOrder.Release), Ld(1, X, MemoryOrder.Acquire)], allowed: false),
        Sb("SB+dmb.sts", "DMB ISHST orders stores only, not a store before a load", [St(X, 1), Dmb(BarrierKind.Stores), Ld(0, Y)], [St(Y, 1), Dmb(BarrierKind.Stores), Ld(1, X)], allowed: true),
        Lb("LB", "plain loads and stores: each store may become visible before the load above it", [Ld(0, X), St(Y, 1)], [Ld(1, Y), St(X, 1)], allowed: true),
        Lb("LB+dmb.sys", "DMB ISH between each load and store", [Ld(0, X), Dmb(), St(Y, 1)], [Ld(1, Y), Dmb(), St(X, 1)], allowed: false),
        Lb("LB+acqs", "acquire loads", [Ld(0, X, MemoryOrder.Acquire), St(Y, 1)], [Ld(1, Y, MemoryOrder.Acquire), St(X, 1)], allowed: false),
        Lb("LB+rels", "release stores", [Ld(0, X), St(Y, 1, MemoryOrder.Release)], [Ld(1, Y), St(X, 1, MemoryOrder.Release)], allowed: false),
        // r1=1 needs T0 to have stored 1, so r0=1: "r0=0 r1=1" is impossible in any model.
        new LitmusTest("LB+data+po", "T0 stores the value it read (a data dependency), T1 a constant: one unordered side suffices",
            [[Ld(0, X), StData(Y, 0)], [Ld(1, Y), St(X, 1)]], "r0=1 r1=1", ["r0=0 r1=0", "r0=1 r1=0", "r0=1 r1=1"], ["r0=0 r1=0", "r0=1 r1=0"]),
        // Nothing stores 1 unless a load read 1 first: 1 would come out of thin air, which ARMv8 forbids.
        new LitmusTest("LB+ctrls", "each store happens only if the load read 1 (control dependencies): no value out of thin air",
            [[Ld(0, X), StIf(0, Y, 1)], [Ld(1, Y), StIf(1, X, 1)]], "r0=1 r1=1", ["r0=0 r1=0"], ["r0=0 r1=0"]),
        new LitmusTest("CoRR", "coherence: two loads of x by one thread never see x go back to its old value",
            [[St(X, 1)], [Ld(0, X), Ld(1, X)]], "r0=1 r1=0", ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=1"], ["r0=0 r1=0", "r0=0 r1=1", "r0=1 r1=1"]),
    ];

    private static LitmusTest Mp(string name, string description, LitmusInstruction[] writer, LitmusInstruction[] reader, bool allowed) =>
        new(name, description, [writer, reader], "r0=1 r1=0", allowed ? All2 : MpSc, MpSc);

    private static LitmusTest Sb(string name, string description, LitmusInstruction[] first, LitmusInstruction[] second, bool allowed) =>
        new(name, description, [first, second], "r0=0 r1=0", allowed ? All2 : SbSc, SbSc);

    private static LitmusTest Lb(string name, string description, LitmusInstruction[] first, LitmusInstruction[] second, bool allowed) =>
        new(name, description, [first, second], "r0=1 r1=1", allowed ? All2 : LbSc, LbSc);
}
