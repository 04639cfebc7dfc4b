using System.Runtime.CompilerServices;

namespace Kaal.Model;

/// <summary>
/// seL4's fastpath (src/fastpath/fastpath.c): the common cases of the IPC round trip (Call to a waiting
/// server, ReplyRecv to a waiting caller) and of notifications (Signal, Poll, Wait that does not block) done
/// with checks and register moves instead of the general dispatcher, its <see cref="KernelResult"/>s and a
/// full scheduler pass. Each fast path first checks every condition under which the general path could do
/// anything else (an error, capability transfer, a message in the IPC buffer, another core, a more important
/// ready thread, a fault reply, a bound notification with a signal pending...) and changes nothing until all
/// hold; if one fails, the general path handles the syscall from the start. When a fast path completes, the
/// kernel's state is exactly what the general path would have left, field for field (registers, queues,
/// thread states, the cores' scheduling state, counters): tests/Kaal.Model.Tests/FastPath compares
/// <see cref="StateHash"/> after every syscall of random sequences run with and without fast paths.
/// <see cref="KernelConfig.SlowPathOnly"/> turns them off.
/// </summary>
public sealed partial class Kernel
{
    private ulong _fastPathsTaken;

    /// <summary>The syscall numbers some fast path may handle, one bit each (all below 64): a port's fast entry
    /// can send every other syscall straight to <see cref="HandleSlowSyscall"/> without calling
    /// <see cref="TryFastSyscall"/>, which would decline it.</summary>
    public const ulong FastPathSyscalls = 1UL << (int)Syscall.Call | 1UL << (int)Syscall.ReplyRecv |
        1UL << (int)Syscall.Signal | 1UL << (int)Syscall.Wait | 1UL << (int)Syscall.Poll;

    /// <summary>Syscalls a fast path completed since boot: a figure for tests and reports, not kernel state (a
    /// kernel without fast paths reaches the same states with this at zero), so <see cref="StateHash"/> leaves
    /// it out; snapshots copy it.</summary>
    public ulong FastPathsTaken => _fastPathsTaken;

    /// <summary>Handles <paramref name="thread"/>'s syscall on a fast path if one applies, leaving the executing
    /// core's scheduling done; false (nothing changed) if the general path must handle it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFastPath(uint thread, in ThreadEntry entry, int core, Syscall number, ulong cptr)
    {
        // Compares rather than a switch, whose jump table costs more than these few: the IPC round trip first.
        bool handled;
        if (number == Syscall.Call) handled = FastCall(thread, entry, core, cptr);
        else if (number == Syscall.ReplyRecv) handled = FastReplyRecv(thread, core, cptr);
        else if (number == Syscall.Poll || number == Syscall.Wait) handled = FastWait(thread, entry, number == Syscall.Wait, cptr);
        else if (number == Syscall.Signal) handled = FastSignal(thread, entry, core, cptr);
        else return false;
        if (!handled) return false;
        _fastPathsTaken++;
        return true;
    }

    /// <summary>A message the fast paths carry: no capabilities, every message register in a CPU register,
    /// so neither side's IPC buffer is read or written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitsInRegisters(ulong info) =>
        MessageInfo.ExtraCaps(info) == 0 && MessageInfo.Length(info) <= MessageInfo.RegisterMessageCount;

    /// <summary>
    /// seL4 lookup_fp: <see cref="ResolveAddressBits"/> over the whole word from the thread's CSpace root, for
    /// the one outcome the fast paths use, a slot holding a capability (translation may stop early at a
    /// non-CNode capability, as <see cref="LookupThreadCap"/> allows). It finds the same slot by the same steps
    /// and returns its capability; every other outcome returns a null capability (<see cref="_noCapability"/>),
    /// whose type no fast path accepts, and the general path handles it: a lookup fault or a null capability
    /// (which it reports), a stale CNode or a malformed level (which it asserts against).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly Capability FastPathLookup(in ThreadEntry entry, ulong cptr)
    {
        KernelObject[] objects = _objectEntries;
        CapSlot[] slots = _slotEntries;
        ref readonly Capability node = ref entry.CSpaceRoot;
        int bitsLeft = ObjectSizes.WordBits;
        // Bounded by the bits: each level translates at least one (radixBits >= 1 below), so bitsLeft falls by
        // at least one per level and the walk ends within 64 levels (ResolveAddressBits counts them instead).
        while (bitsLeft > 0)
        {
            // ObjectTable.IsLive, reading the entry once.
            uint index = node.Object.Index;
            if (node.Type != CapType.CNode || index >= (uint)objects.Length) break;
            ref KernelObject cnode = ref objects[index];
            if (cnode.Kind == CapType.Null || cnode.Generation != node.Object.Generation) break;
            int radixBits = cnode.Radix;
            int guardBits = node.GuardSizeBits;
            int levelBits = radixBits + guardBits;
            // levelBits covers the guard, so this also rules out a guard longer than the bits left; with a radix
            // of at least one bit, both the guard and the radix are shorter than a word.
            if (radixBits < 1 || radixBits >= ObjectSizes.WordBits || levelBits > bitsLeft) break;
            if (((cptr >> ((bitsLeft - guardBits) & (ObjectSizes.WordBits - 1))) & ShortMask(guardBits)) != node.Data) break;
            bitsLeft -= levelBits;
            node = ref slots[cnode.SlotBase + (uint)((cptr >> bitsLeft) & ShortMask(radixBits))].Cap;
            if (bitsLeft == 0 || node.Type != CapType.CNode) return ref node;
        }
        return ref _noCapability;
    }

    /// <summary>What <see cref="FastPathLookup"/> returns when it finds no capability: never written.</summary>
    private readonly Capability _noCapability = default;

    /// <summary><see cref="Mask"/> without its branch, for fewer than 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortMask(int bits) => ~(ulong.MaxValue << bits);

    /// <summary>
    /// Whether the general path, having woken a thread as the executing core's planned direct
    /// switch (<see cref="MakeRunnable"/>) while the current thread leaves the CPU, would run it:
    /// both on this core, no switch planned yet, and nothing ready more important than it
    /// (<see cref="ScheduleCore"/> switches to a candidate at least as important as the best ready thread
    /// when the current thread is not runnable). <paramref name="state"/> is the core's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SwitchesDirectly(int core, in CoreState state, in ThreadEntry currentEntry, in ThreadEntry wokenEntry)
    {
        return wokenEntry.Core == core && currentEntry.Core == core &&
            state.Action == SchedulerAction.ResumeCurrent && NoReadyAbove(core, wokenEntry.Priority);
    }

    /// <summary>The end of a direct switch as <see cref="ScheduleCore"/> leaves it: the woken thread runs, and
    /// the switch target <see cref="MakeRunnable"/> planned stays recorded (the general path never clears it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FastPathSwitchTo(ref CoreState state, uint thread, ref ThreadEntry entry)
    {
        entry.State = ThreadState.Running;
        state.SwitchTarget = thread;
        state.Current = thread;
    }
}
