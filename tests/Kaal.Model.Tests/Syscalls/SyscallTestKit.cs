using System.Collections.Generic;
using System.Text;
using Kaal.Model.Scenarios;
using Xunit;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>What a failed syscall must have put in the caller's registers (docs/abi.md, "on error").</summary>
public readonly record struct Err(
    KernelError Error,
    ErrorReason Reason,
    int Position = 0,
    bool Source = false,
    LookupFaultKind Lookup = LookupFaultKind.None,
    int BitsLeft = 0,
    ulong? Min = null,
    ulong? Max = null);

/// <summary>Helpers shared by the syscall tests: the observable kernel state as text, and invariant checks.</summary>
public static class KernelState
{
    /// <summary>
    /// Everything a syscall could change besides the caller's registers: every full slot of the slot pool
    /// (capability, derivation links), every live object (counts, queues, notification word, IRQ binding),
    /// every thread entry (state, priorities, core, what it waits on, CSpace/VSpace roots, IPC buffer, reply
    /// links), each core's current thread and IRQ line state. Two equal strings mean "nothing changed".
    /// </summary>
    public static string Describe(Kernel k)
    {
        var text = new StringBuilder();
        SlotPool slots = k.Slots;
        for (uint i = 0; i < slots.CapabilitySlotCount; i++)
        {
            ref CapSlot s = ref slots[i];
            if (s.Cap.IsNull) continue;
            text.Append($"slot {i}: {Cap(s.Cap)} orig={s.IsOriginal} parent={s.Parent} child={s.FirstChild} next={s.NextSibling}\n");
        }
        ObjectTable objects = k.Objects;
        for (uint i = 0; i < objects.Capacity; i++)
        {
            ref KernelObject o = ref objects[i];
            if (o.Kind == CapType.Null) continue;
            text.Append($"obj {i}/{o.Generation}: {o.Kind} @0x{o.PhysAddr:x}/{o.SizeBits} caps={o.CapCount} q={o.QueueKind}:{o.QueueHead}..{o.QueueTail} " +
                        $"word={o.Word} bound={o.BoundThread} irq={o.Irq} thread={o.Thread}\n");
        }
        for (uint t = 0; t < k.Threads.Capacity; t++)
        {
            ref readonly ThreadEntry e = ref k.ThreadAt(t);
            if (e.Tcb.IsNone && e.State == ThreadState.Inactive) continue;
            text.Append($"thread {t}: {e.State} prio={e.Priority} mcp={e.MaxControlledPriority} core={e.Core} slice={e.TimesliceLeftTicks} " +
                        $"on={e.BlockedOn.Index}/{e.BlockedOn.Generation} bound={e.BoundNotification.Index}/{e.BoundNotification.Generation} " +
                        $"cspace={Cap(e.CSpaceRoot)} vspace={Cap(e.VSpaceRoot)} buf={e.IpcBufferFrame.Index}/{e.IpcBufferFrame.Generation}@0x{e.IpcBufferVirtAddr:x} " +
                        $"fault={e.FaultEndpointCptr} replyTo={k.CallerOf(t)} ready={e.ReadyPrev}<>{e.ReadyNext} wait={e.WaitPrev}<>{e.WaitNext}\n");
        }
        for (int c = 0; c < k.CoreCount; c++) text.Append($"core {c}: current={k.Core(c).Current} action={k.Core(c).Action}\n");
        for (uint irq = 0; irq < k.Config.IrqCount; irq++)
        {
            if (k.IrqEnabled(irq) || k.IrqHasHandler(irq)) text.Append($"irq {irq}: enabled={k.IrqEnabled(irq)} handler={k.IrqHasHandler(irq)}\n");
        }
        return text.ToString();
    }

    public static string Cap(in Capability c) => c.IsNull ? "null" :
        $"{c.Type}({c.Rights}) obj={c.Object.Index}/{c.Object.Generation} data=0x{c.Data:x}/{c.GuardSizeBits} free={c.FreeIndexBytes}";

    /// <summary>Both invariant checkers, as a message (null when they pass).</summary>
    public static string? Violation(Kernel k)
    {
        InvariantViolation caps = k.CheckInvariants();
        if (!caps.IsNone) return $"capability invariant broken: {caps.Kind} at {caps.Slot} / {caps.Other}";
        InvariantViolation sched = k.CheckSchedulerInvariants();
        if (!sched.IsNone) return $"scheduler invariant broken: {sched.Kind} at {sched.Slot} / {sched.Other}";
        return null;
    }

    public static void AssertInvariants(Kernel k)
    {
        string? violation = Violation(k);
        Assert.True(violation is null, violation);
    }

    /// <summary>The objects (index, generation) a CSpace root reaches through CNode capabilities, the roots' own CNodes included.</summary>
    public static HashSet<(uint Index, uint Generation)> Reach(Kernel k, in Capability root)
    {
        var reached = new HashSet<(uint, uint)>();
        if (root.Type != CapType.CNode || !k.Objects.IsLive(root.Object)) return reached;
        var pending = new Stack<ObjectRef>();
        reached.Add((root.Object.Index, root.Object.Generation));
        pending.Push(root.Object);
        while (pending.Count > 0)
        {
            ObjectRef node = pending.Pop();
            ref readonly KernelObject cnode = ref k.Object(node);
            for (uint i = 0; i < 1u << cnode.Radix; i++)
            {
                Capability cap = k.Slot(cnode.SlotBase + i).Cap;
                if (cap.IsNull || cap.Object.IsNone) continue;
                if (reached.Add((cap.Object.Index, cap.Object.Generation)) && cap.Type == CapType.CNode) pending.Push(cap.Object);
            }
        }
        return reached;
    }
}

/// <summary>
/// A <see cref="ScenarioSystem"/> driven through the dispatcher, register in / register out, checking both
/// invariant checkers after every syscall. <see cref="Fails"/> also checks that the failed syscall changed
/// nothing but the caller's result registers.
/// </summary>
public sealed class SyscallRig
{
    public const ulong Root = BootInfo.RootCNodeSlot;
    public const ulong D = 64;
    public const uint F = ScenarioSystem.FirstFreeSlot;

    public SyscallRig(int cores = 1)
    {
        S = new ScenarioSystem(cores);
        KernelState.AssertInvariants(K);
    }

    public ScenarioSystem S { get; }

    public Kernel K => S.Kernel;

    public uint RootThread => S.RootThread;

    public ulong Untyped => S.UntypedSlot;

    public uint Current(int core = 0) => S.Current(core);

    public ulong Reg(uint thread, int register) => K.Register(thread, register);

    public ThreadState State(uint thread) => K.ThreadAt(thread).State;

    /// <summary>The current thread of core 0 makes a syscall; returns its x0.</summary>
    public ulong Sys(Syscall number, params ulong[] args) => SysOn(0, number, args);

    public ulong SysOn(int core, Syscall number, params ulong[] args)
    {
        ulong[] a = new ulong[8];
        args.CopyTo(a, 0);
        ulong status = S.Sys(core, number, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        KernelState.AssertInvariants(K);
        return status;
    }

    /// <summary>A syscall that must succeed (x0 = 0); returns the caller.</summary>
    public uint Ok(Syscall number, params ulong[] args) => OkOn(0, number, args);

    public uint OkOn(int core, Syscall number, params ulong[] args)
    {
        uint caller = Current(core);
        ulong status = SysOn(core, number, args);
        Assert.True(status == 0, $"{number} failed: {(KernelError)status} ({(ErrorReason)Reg(caller, 1)}, x2=0x{Reg(caller, 2):x})");
        return caller;
    }

    /// <summary>A syscall that must fail as <paramref name="expected"/> says and change nothing else.</summary>
    public void Fails(Err expected, Syscall number, params ulong[] args) => FailsOn(0, expected, number, args);

    public void FailsOn(int core, Err expected, Syscall number, params ulong[] args)
    {
        uint caller = Current(core);
        string before = KernelState.Describe(K);
        ulong status = SysOn(core, number, args);
        Assert.True((ulong)expected.Error == status, $"{number}: expected {expected.Error}, got {(KernelError)status} ({(ErrorReason)Reg(caller, 1)})");
        Assert.Equal(expected.Reason, (ErrorReason)Reg(caller, 1));
        ulong detail = Reg(caller, 2);
        Assert.Equal((ulong)expected.Position, detail & 0xFF);
        Assert.Equal(expected.Source, ((detail >> 8) & 1) == 1);
        Assert.Equal(expected.Lookup, (LookupFaultKind)((detail >> 16) & 0xFF));
        Assert.Equal((ulong)expected.BitsLeft, (detail >> 24) & 0xFF);
        if (expected.Min is ulong min) Assert.Equal(min, Reg(caller, 3));
        if (expected.Max is ulong max) Assert.Equal(max, Reg(caller, 4));
        Assert.Equal(caller, Current(core));
        Assert.Equal(ThreadState.Running, State(caller));
        Assert.Equal(before, KernelState.Describe(K));
    }

    public Capability Cap(ulong rootIndex) => K.Slot(K.RootSlot((uint)rootIndex)).Cap;

    public void Create(ObjectType type, ulong slot, int sizeBits = 0) =>
        Ok(Syscall.Retype, Untyped, (ulong)type, (ulong)sizeBits, Root, 0, 0, slot, 1);

    /// <summary>As <see cref="ScenarioSystem.Spawn"/>, checked.</summary>
    public uint Spawn(ulong tcbSlot, byte priority, int core = 0)
    {
        uint thread = S.Spawn((uint)tcbSlot, priority, core);
        KernelState.AssertInvariants(K);
        return thread;
    }

    /// <summary>Gives the thread behind TCB cap <paramref name="tcbSlot"/> an IPC buffer in a new 4 KiB frame at
    /// <paramref name="frameSlot"/>, at virtual address <paramref name="vaddr"/>; returns the buffer's physical address.</summary>
    public ulong GiveBuffer(ulong tcbSlot, ulong frameSlot, ulong vaddr, ulong faultEndpoint = 0)
    {
        Create(ObjectType.Frame4K, frameSlot);
        Ok(Syscall.TcbConfigure, tcbSlot, faultEndpoint, Root, BootInfo.InitialVSpaceSlot, vaddr, frameSlot);
        return K.Object(Cap(frameSlot).Object).PhysAddr + (vaddr & 0xFFF);
    }

    public ulong ReadBuffer(ulong buffer, int word) => S.Machine.ReadWord(buffer + (ulong)word * 8);

    public void WriteBuffer(ulong buffer, int word, ulong value) => S.Machine.WriteWord(buffer + (ulong)word * 8, value);

    /// <summary>Resumes a thread from outside (as a supervisor on another core would), then schedules.</summary>
    public void ResumeFromOutside(ulong tcbSlot)
    {
        Assert.True(K.TcbResume(Cap(tcbSlot)).IsOk);
        K.ScheduleAllCores();
        KernelState.AssertInvariants(K);
    }
}
