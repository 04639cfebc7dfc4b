using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Kaal.Model.Scenarios;
using Kaal.Model.Tests.Properties;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>A machine port with unbounded sparse memory (IPC buffers anywhere) that counts what it was asked.</summary>
public struct SparseMachine : IMachinePort
{
    public Dictionary<ulong, ulong> Memory;
    public int Faults;
    public int IrqChanges;
    public bool ShutDown;

    public static SparseMachine Create() => new() { Memory = new Dictionary<ulong, ulong>() };

    public readonly ulong ReadWord(ulong physAddr) => Memory.TryGetValue(physAddr, out ulong value) ? value : 0;

    public readonly void WriteWord(ulong physAddr, ulong value) => Memory[physAddr] = value;

    public readonly void MapPage(uint vspace, ulong virtAddr, ulong physAddr, int sizeBits, VmRights rights, bool isDevice)
    {
    }

    public readonly void UnmapPage(uint vspace, ulong virtAddr, int sizeBits)
    {
    }

    public void SetIrqEnabled(uint irq, bool enabled, int targetCore) => IrqChanges++;

    public readonly void ConsoleWrite(byte value)
    {
    }

    public void ReportUnhandledFault(uint thread, in FaultInfo fault) => Faults++;

    public void StallThread(uint thread)
    {
    }

    public void Shutdown(ulong exitCode) => ShutDown = true;
}

/// <summary>One thread the root task makes at setup, besides itself.</summary>
public sealed record ChildSpec(byte Priority, int Core, bool OwnCSpace, int Radix, int Gifts, bool FaultEndpoint, bool Buffer, ulong ReceiveIndex, ulong ExtraCap)
{
    public override string ToString() =>
        $"prio {Priority} core {Core} {(OwnCSpace ? $"own CNode radix {Radix} gifts 0b{Convert.ToString(Gifts, 2)}" : "root CSpace")}" +
        $"{(FaultEndpoint ? " fault-ep" : "")}{(Buffer ? $" buffer(recv slot {ReceiveIndex}, extra cap {ExtraCap})" : "")}";
}

/// <summary>The world a sequence runs in: cores, the root thread's priority after setup (null: it suspends
/// itself), and the other threads.</summary>
public sealed record WorldSpec(int Cores, byte? RootPriority, ChildSpec[] Children)
{
    public override string ToString() =>
        $"{Cores} core(s), root {(RootPriority is byte p ? $"prio {p}" : "suspended")}; " +
        string.Join("; ", Children.Select((c, i) => $"T{i}: {c}"));
}

/// <summary>The first operation of a sequence: the world to build (if shrinking dropped it, a default world is used).</summary>
public sealed record SetupOp(WorldSpec Spec) : Op
{
    public override string ToString() => $"Setup  {Spec}";
}

/// <summary>The current thread of <see cref="Core"/> makes syscall <see cref="Number"/> with x0..x7 = <see cref="Args"/>.</summary>
public sealed record SysOp(int Core, ulong Number, ulong[] Args) : Op
{
    public override string ToString()
    {
        string name = Enum.IsDefined(typeof(Syscall), Number) ? ((Syscall)Number).ToString() : $"unknown 0x{Number:x}";
        int used = Args.Length;
        while (used > 0 && Args[used - 1] == 0) used--;
        var text = new StringBuilder($"Sys    core {Core}: {name}(");
        for (int i = 0; i < used; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(Args[i] < 4096 ? Args[i].ToString() : $"0x{Args[i]:x}");
        }
        return text.Append(')').ToString();
    }
}

/// <summary>The current thread of <see cref="Core"/> writes a word of its own IPC buffer (extra-cap cptrs, receive slot, MRs).</summary>
public sealed record BufferOp(int Core, int Word, ulong Value) : Op
{
    public override string ToString() => $"Buffer core {Core}: word {Word} = {Value}";
}

public sealed record TickOp(int Core) : Op
{
    public override string ToString() => $"Tick   core {Core}";
}

public sealed record InterruptOp(int Core, uint Irq) : Op
{
    public override string ToString() => $"IRQ    {Irq} on core {Core}";
}

public sealed record UserFaultOp(int Core, FaultKind Kind, ulong Address) : Op
{
    public override string ToString() => $"Fault  core {Core}: {Kind} at 0x{Address:x}";
}

/// <summary>
/// A booted kernel plus the world of a <see cref="WorldSpec"/>, built by the root thread through the dispatcher.
/// Root-CNode layout after setup: 24 the large RAM untyped, 26+i child i's CNode with its guard (for
/// TCB_CONFIGURE), 30+i child i's IPC-buffer frame, 34 the root's buffer frame, 36/37 IRQ handlers for lines 3/4
/// (signalling 42/43), 40 endpoint A, 41 endpoint B, 42 notification A, 43 notification B, 44 A badged 1,
/// 45 A without Grant (Read, Write, GrantReply), 46 notification A badged 2 (Write), 47 a radix-2 CNode,
/// 52+3i child i's TCB (then its CNode and VSpace when it has its own CSpace).
/// A child with its own CSpace gets a radix-6 CNode laid out like the root CNode, so a cptr names the same kind
/// of thing in every CSpace: slot 2 its own CNode, and by its gift bits (see <see cref="Gifts"/>) the setup
/// objects at their root indices, slot 24 a 4..32 KiB untyped of its own, slot 1 its own TCB. IPC buffers
/// name receive slots 48..51 of the thread's CSpace root (cptr 2).
/// </summary>
public sealed class SyscallWorld
{
    public const ulong Root = BootInfo.RootCNodeSlot;
    public const ulong D = 64;
    public const ulong EndpointA = 40, EndpointB = 41, NotificationA = 42, NotificationB = 43, BadgedA = 44, NoGrantA = 45, BadgedNotification = 46, SpareCNode = 47;
    public const uint IrqA = 3, IrqB = 4;

    /// <summary>What a child with its own CSpace may get, by gift bit, at the same index as in the root CNode:
    /// endpoints, notifications, badged and Grant-less copies, an untyped of its own (slot 24) and its own TCB (slot 1).</summary>
    public static readonly ulong[] Gifts = { EndpointA, EndpointB, NotificationA, NotificationB, BadgedA, NoGrantA, BadgedNotification, 24, BootInfo.InitialThreadSlot };

    public SparseMachine Machine = SparseMachine.Create();

    /// <param name="slowPathOnly">Build the kernel with its fast paths off (<see cref="KernelConfig.SlowPathOnly"/>).</param>
    public SyscallWorld(WorldSpec spec, bool slowPathOnly = false)
    {
        Spec = spec;
        KernelConfig config = ScenarioKernel.Config();
        config.CoreCount = spec.Cores;
        config.SlowPathOnly = slowPathOnly;
        Kernel = new Kernel(config);
        var regions = new[]
        {
            new BootRegion(ScenarioKernel.RamBaseAddr, ScenarioKernel.RamSizeBytes, false),
            new BootRegion(ScenarioKernel.DeviceBaseAddr, ScenarioKernel.DeviceSizeBytes, true),
        };
        Expect(Kernel.Boot(regions, 2), "boot");
        Expect(Kernel.CreateRootThread(), "root thread");
        RootThread = Kernel.BootInfo.RootThread;
        Build();
    }

    public WorldSpec Spec { get; }

    public Kernel Kernel { get; }

    public uint RootThread { get; }

    /// <summary>Thread index of each child, in spec order.</summary>
    public List<uint> Children { get; } = new();

    public static ulong ChildTcbSlot(int child) => 52 + 3 * (ulong)child;

    public static ulong ChildBufferVaddr(int child) => 0x10_0000 + (ulong)child * 0x1000 + 0x400;

    private void Build()
    {
        ulong untyped = ScenarioKernel.LargestRamUntyped(Kernel);
        void Make(ObjectType type, ulong slot, ulong sizeBits = 0) => AsRoot(Syscall.Retype, untyped, (ulong)type, sizeBits, Root, 0, 0, slot, 1);
        Make(ObjectType.Endpoint, EndpointA);
        Make(ObjectType.Endpoint, EndpointB);
        Make(ObjectType.Notification, NotificationA);
        Make(ObjectType.Notification, NotificationB);
        AsRoot(Syscall.CapMint, Root, BadgedA, D, Root, EndpointA, D, (ulong)CapRights.All, 1);
        AsRoot(Syscall.CapCopy, Root, NoGrantA, D, Root, EndpointA, D, (ulong)(CapRights.Read | CapRights.Write | CapRights.GrantReply));
        AsRoot(Syscall.CapMint, Root, BadgedNotification, D, Root, NotificationA, D, (ulong)CapRights.Write, 2);
        Make(ObjectType.CNode, SpareCNode, 2);
        Make(ObjectType.Frame4K, 34);
        AsRoot(Syscall.TcbConfigure, BootInfo.InitialThreadSlot, 0, Root, BootInfo.InitialVSpaceSlot, 0x7000_0000, 34);
        AsRoot(Syscall.IrqHandlerGet, BootInfo.IrqControlSlot, IrqA, Root, 36, D);
        AsRoot(Syscall.IrqSetNotification, 36, NotificationA);
        AsRoot(Syscall.IrqHandlerGet, BootInfo.IrqControlSlot, IrqB, Root, 37, D);
        AsRoot(Syscall.IrqSetNotification, 37, NotificationB);

        for (int i = 0; i < Spec.Children.Length; i++)
        {
            ChildSpec c = Spec.Children[i];
            ulong tcb = ChildTcbSlot(i);
            ulong frame = 30 + (ulong)i;
            if (c.Buffer) Make(ObjectType.Frame4K, frame);
            if (c.OwnCSpace)
            {
                AsRoot(Syscall.ProcessCreate, untyped, tcb, (ulong)c.Radix, c.Priority);
                ulong guarded = 26 + (ulong)i;
                AsRoot(Syscall.CapMint, Root, guarded, D, Root, tcb + 1, D, (ulong)CapRights.All, CapData.CNodeGuard(0, 64 - c.Radix));
                AsRoot(Syscall.TcbConfigure, tcb, c.FaultEndpoint ? EndpointB : 0, guarded, tcb + 2, c.Buffer ? ChildBufferVaddr(i) : 0, c.Buffer ? frame : 0);
                AsRoot(Syscall.CapInsertInto, tcb, guarded, Root, (ulong)CapRights.All);
                for (int g = 0; g < Gifts.Length; g++)
                {
                    if ((c.Gifts & (1 << g)) == 0) continue;
                    ulong source = Gifts[g] == 24 ? 17 + (ulong)i : Gifts[g] == BootInfo.InitialThreadSlot ? tcb : Gifts[g];
                    AsRoot(Syscall.CapInsertInto, tcb, source, Gifts[g], (ulong)CapRights.All);
                }
            }
            else
            {
                Make(ObjectType.Tcb, tcb);
                AsRoot(Syscall.TcbConfigure, tcb, c.FaultEndpoint ? EndpointB : 0, Root, BootInfo.InitialVSpaceSlot, c.Buffer ? ChildBufferVaddr(i) : 0, c.Buffer ? frame : 0);
                AsRoot(Syscall.TcbSetMaxControlledPriority, tcb, c.Priority);
                AsRoot(Syscall.TcbSetPriority, tcb, c.Priority);
            }
            uint thread = Kernel.ThreadOf(Kernel.Slot(Kernel.RootSlot((uint)tcb)).Cap);
            Children.Add(thread);
            if (c.Buffer)
            {
                ulong buffer = BufferAddr(thread);
                Machine.WriteWord(buffer + IpcBuffer.ReceiveCNode * 8, Root);
                Machine.WriteWord(buffer + IpcBuffer.ReceiveIndex * 8, c.ReceiveIndex);
                Machine.WriteWord(buffer + IpcBuffer.ReceiveDepth * 8, D);
                Machine.WriteWord(buffer + IpcBuffer.FirstCapOrBadge * 8, c.ExtraCap);
                Machine.WriteWord(buffer + (IpcBuffer.FirstCapOrBadge + 1) * 8, BootInfo.InitialThreadSlot);
            }
            AsRoot(Syscall.TcbSetAffinity, tcb, (ulong)c.Core);
            AsRoot(Syscall.TcbResume, tcb);
        }
        if (Spec.RootPriority is byte priority) AsRoot(Syscall.TcbSetPriority, BootInfo.InitialThreadSlot, priority);
        else AsRoot(Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
        string? violation = KernelState.Violation(Kernel);
        if (violation is not null) throw new PropertyViolation($"after setup ({Spec}): {violation}");
    }

    /// <summary>A setup syscall by the root thread, which must be current on core 0 and must succeed.</summary>
    private void AsRoot(Syscall number, params ulong[] args)
    {
        if (Kernel.Core(0).Current != RootThread) throw new InvalidOperationException($"setup: root not current for {number}");
        for (int i = 0; i < 8; i++) Kernel.Register(RootThread, i) = i < args.Length ? args[i] : 0;
        Kernel.Register(RootThread, UserContext.X8) = (ulong)number;
        Kernel.HandleSyscall(ref Machine, 0);
        ulong status = Kernel.Register(RootThread, 0);
        if (status != 0) throw new InvalidOperationException($"setup {number}({string.Join(", ", args)}) failed: {(KernelError)status} {(ErrorReason)Kernel.Register(RootThread, 1)}");
    }

    private static void Expect(in KernelResult result, string what)
    {
        if (!result.IsOk) throw new InvalidOperationException($"{what} failed: {result.Error}");
    }

    /// <summary>Where a thread's IPC buffer is in physical memory, or 0 if it has none.</summary>
    public ulong BufferAddr(uint thread)
    {
        ref readonly ThreadEntry entry = ref Kernel.ThreadAt(thread);
        if (entry.IpcBufferFrame.IsNone || !Kernel.Objects.IsLive(entry.IpcBufferFrame)) return 0;
        ref readonly KernelObject frame = ref Kernel.Object(entry.IpcBufferFrame);
        return frame.PhysAddr + (entry.IpcBufferVirtAddr & (frame.SizeBytes - 1));
    }

    /// <summary>The thread that would act on <paramref name="core"/>, or none when the core is idle or absent.</summary>
    public uint Actor(int core)
    {
        if (core >= Kernel.CoreCount) return ThreadEntry.None;
        uint current = Kernel.Core(core).Current;
        return current == Kernel.Core(core).Idle ? ThreadEntry.None : current;
    }

    /// <summary>Runs one operation; returns the acting thread (none for ticks, interrupts, skipped steps).</summary>
    public uint Apply(Op op)
    {
        switch (op)
        {
            case SysOp s:
            {
                uint actor = Actor(s.Core);
                if (actor == ThreadEntry.None) return ThreadEntry.None;
                for (int i = 0; i < 8; i++) Kernel.Register(actor, i) = s.Args[i];
                Kernel.Register(actor, UserContext.X8) = s.Number;
                Kernel.HandleSyscall(ref Machine, s.Core);
                return actor;
            }
            case BufferOp b:
            {
                uint actor = Actor(b.Core);
                if (actor == ThreadEntry.None) return ThreadEntry.None;
                ulong buffer = BufferAddr(actor);
                if (buffer != 0) Machine.WriteWord(buffer + (ulong)b.Word * 8, b.Value);
                return ThreadEntry.None;
            }
            case TickOp t:
                if (t.Core < Kernel.CoreCount) Kernel.Tick(t.Core);
                return ThreadEntry.None;
            case InterruptOp i:
                if (i.Core < Kernel.CoreCount) Kernel.HandleInterrupt(ref Machine, i.Core, i.Irq);
                return ThreadEntry.None;
            case UserFaultOp f:
                if (f.Core < Kernel.CoreCount) Kernel.HandleUserFault(ref Machine, f.Core, new FaultInfo(f.Kind, 0x40_0000, f.Address, 0x92000047));
                return ThreadEntry.None;
            default:
                return ThreadEntry.None;
        }
    }
}

/// <summary>Generators of worlds and of operations with plausible and wild arguments.</summary>
public static class SyscallGen
{
    private const ulong Root = SyscallWorld.Root, EndpointA = SyscallWorld.EndpointA, EndpointB = SyscallWorld.EndpointB,
        NotificationA = SyscallWorld.NotificationA, NotificationB = SyscallWorld.NotificationB, BadgedNotification = SyscallWorld.BadgedNotification;

    public static Gen<ulong> U64 => OperationGen.U64;

    private static Gen<ulong> Small(int max) => Gen.Int[0, max].Select(v => (ulong)v);

    private static Gen<ulong> Wild => Gen.Frequency(
        (4, Small(70)),
        (3, U64),
        (2, Gen.OneOf(0UL, 64UL, 65UL, 1UL << 63, ulong.MaxValue, 256UL, 257UL)));

    /// <summary>A capability address: a child CSpace slot (0..15), a root setup slot, an untyped, or anything.</summary>
    public static Gen<ulong> Cptr => Gen.Frequency(
        (4, Gen.OneOf(40UL, 41UL, 42UL, 43UL, 44UL, 45UL, 46UL)),
        (3, Gen.OneOf(1UL, 2UL, 4UL, 24UL, 47UL, 36UL, 37UL, 52UL, 55UL, 58UL, 61UL)),
        (2, Gen.Int[26, 63].Select(v => (ulong)v)),
        (1, Small(25)),
        (1, Wild));

    private static Gen<ulong> Typed(params ulong[] likely) => Gen.Frequency((8, Gen.OneOf(likely)), (2, Cptr));

    public static Gen<ulong> EndpointCptr => Typed(40, 41, 44, 45);
    public static Gen<ulong> NotificationCptr => Typed(42, 43, 46);
    public static Gen<ulong> TcbCptr => Typed(1, 52, 55, 58, 61);
    public static Gen<ulong> CNodeCptr => Typed(2, 2, 2, 47, 26, 27);
    public static Gen<ulong> UntypedCptr => Typed(24, 24, 17, 18, 19, 20, 25);
    public static Gen<ulong> IrqCptr => Typed(4, 36, 37);
    /// <summary>A source slot (mostly full) and a destination slot (mostly empty) in a root-like CNode.</summary>
    public static Gen<ulong> SourceIndex => Gen.Frequency((6, Gen.OneOf(40UL, 41UL, 42UL, 43UL, 44UL, 45UL, 46UL, 47UL, 1UL, 2UL, 24UL, 36UL)), (3, Index));
    public static Gen<ulong> DestIndex => Gen.Frequency((6, Gen.OneOf(48UL, 49UL, 50UL, 51UL, 53UL, 56UL, 59UL, 62UL, 35UL)), (3, Index));

    public static Gen<ulong> Index => Gen.Frequency((6, Gen.Int[40, 63].Select(v => (ulong)v)), (2, Small(39)), (1, Wild));
    public static Gen<ulong> Depth => Gen.Frequency((12, Gen.Const(64UL)), (1, Gen.OneOf(0UL, 2UL, 6UL, 58UL, 60UL, 65UL)), (1, Wild));
    public static Gen<ulong> Rights => Gen.Frequency((3, Gen.Const((ulong)CapRights.All)), (5, Small(15)), (1, Wild));
    public static Gen<ulong> Data => Gen.Frequency((3, Gen.Const(0UL)), (3, Gen.OneOf(1UL, 2UL, 4UL, 0x42UL)),
        (2, Gen.OneOf(CapData.CNodeGuard(0, 60), CapData.CNodeGuard(0, 61), CapData.CNodeGuard(1, 2), CapData.CNodeGuard(0, 0))), (1, Wild));
    public static Gen<ulong> ObjectTypeArg => Gen.Frequency((10, Small(9)), (1, Gen.OneOf(10UL, 255UL, 256UL)), (1, Wild));
    public static Gen<ulong> SizeBits => Gen.Frequency((5, Gen.Const(0UL)), (4, Gen.OneOf(1UL, 2UL, 3UL, 4UL, 10UL, 12UL, 21UL)), (1, Wild));
    public static Gen<ulong> Priority => Gen.Frequency((6, Small(255)), (2, Gen.OneOf(0UL, 10UL, 50UL, 100UL, 200UL, 255UL)), (1, Wild));
    public static Gen<ulong> CoreArg => Gen.Frequency((8, Small(2)), (1, Wild));
    public static Gen<ulong> Irq => Gen.Frequency((6, Small(8)), (2, Small(70)), (1, Wild));
    public static Gen<ulong> Vaddr => Gen.Frequency((6, Gen.Int[0, 63].Select(v => 0x20_0000UL + (ulong)v * 0x400)), (2, Gen.Const(0UL)), (1, Wild));
    public static Gen<ulong> Word => Gen.Frequency((4, Small(255)), (1, Wild));
    public static Gen<ulong> Count => Gen.Frequency((10, Gen.OneOf(1UL, 1UL, 2UL, 3UL)), (1, Gen.OneOf(0UL, 257UL)), (1, Wild));

    public static Gen<ulong> Tag =>
        from label in Gen.Frequency((4, Gen.Const(0)), (2, Gen.Int[1, 9]))
        from length in Gen.Frequency((6, Gen.Int[0, 4]), (2, Gen.Int[5, 8]), (1, Gen.Int[100, 127]))
        from caps in Gen.Frequency((4, Gen.Const(0)), (3, Gen.Const(1)), (1, Gen.Int[2, 3]))
        select MessageInfo.Make((ulong)label, length, caps, 0);

    /// <summary>Per syscall: the kinds of x0..x7 (as docs/abi.md lists them); missing ones are 0.</summary>
    public static Gen<ulong>[] Shape(Syscall number) => number switch
    {
        Syscall.Send or Syscall.NBSend or Syscall.Call or Syscall.ReplyRecv => new[] { EndpointCptr, Tag, Word, Word, Word, Word },
        Syscall.Reply => new[] { Word, Tag, Word, Word, Word, Word },
        Syscall.Recv or Syscall.NBRecv => new[] { Gen.Frequency((3, EndpointCptr), (1, NotificationCptr)) },
        Syscall.Signal or Syscall.Wait or Syscall.Poll => new[] { NotificationCptr },
        Syscall.MemoryAllocate => new[] { UntypedCptr, Gen.OneOf(12UL, 12UL, 21UL, 13UL, 0UL), DestIndex },
        Syscall.EndpointCreate or Syscall.NotificationCreate => new[] { UntypedCptr, DestIndex },
        Syscall.ProcessCreate => new[] { UntypedCptr, DestIndex, Gen.OneOf(1UL, 2UL, 3UL, 0UL, 10UL), Priority },
        Syscall.CapInsertInto => new[] { TcbCptr, Cptr, DestIndex, Rights },
        Syscall.CapRevoke or Syscall.CapDelete => new[] { CNodeCptr, Gen.Frequency((1, SourceIndex), (1, DestIndex)), Depth },
        Syscall.CapCancelBadgedSends => new[] { CNodeCptr, SourceIndex, Depth },
        Syscall.CapMint => new[] { CNodeCptr, DestIndex, Depth, CNodeCptr, SourceIndex, Depth, Rights, Data },
        Syscall.CapCopy => new[] { CNodeCptr, DestIndex, Depth, CNodeCptr, SourceIndex, Depth, Rights },
        Syscall.CapMove => new[] { CNodeCptr, DestIndex, Depth, CNodeCptr, SourceIndex, Depth },
        Syscall.CapMutate => new[] { CNodeCptr, DestIndex, Depth, CNodeCptr, SourceIndex, Depth, Data },
        Syscall.CapRotate => new[] { CNodeCptr, Depth, Gen.Frequency((1, SourceIndex), (1, DestIndex)), Data, SourceIndex, Data, SourceIndex },
        Syscall.Retype => new[] { UntypedCptr, ObjectTypeArg, SizeBits, CNodeCptr, Index, Gen.Frequency((3, Gen.Const(0UL)), (1, Depth)), DestIndex, Count },
        Syscall.TcbConfigure => new[] { TcbCptr, Gen.Frequency((2, Gen.Const(0UL)), (1, EndpointCptr)), CNodeCptr, Gen.Frequency((1, Gen.Const(0UL)), (1, Typed(3))),
            Vaddr, Gen.Frequency((1, Gen.Const(0UL)), (2, Typed(30, 31, 32, 33, 34))) },
        Syscall.TcbSetPriority or Syscall.TcbSetMaxControlledPriority => new[] { TcbCptr, Priority },
        Syscall.TcbSuspend or Syscall.TcbResume or Syscall.TcbUnbindNotification => new[] { TcbCptr },
        Syscall.IrqAck => new[] { IrqCptr },
        Syscall.TcbWriteRegisters => new[] { TcbCptr, Word, Word, Word },
        Syscall.TcbBindNotification => new[] { TcbCptr, NotificationCptr },
        Syscall.IrqSetNotification => new[] { IrqCptr, NotificationCptr },
        Syscall.TcbSetAffinity => new[] { TcbCptr, CoreArg },
        Syscall.IrqHandlerGet => new[] { IrqCptr, Irq, CNodeCptr, DestIndex, Depth },
        Syscall.Shutdown => new[] { IrqCptr, Word },
        _ => new[] { Word, Word, Word, Word },
    };

    public static Gen<ulong[]> Args(Gen<ulong>[] shape)
    {
        Gen<ulong[]> args = Gen.Const(Array.Empty<ulong>());
        for (int i = 0; i < 8; i++)
        {
            Gen<ulong> arg = i < shape.Length ? Gen.Frequency((12, shape[i]), (1, Wild)) : Gen.Frequency((12, Gen.Const(0UL)), (1, Wild));
            args = from prefix in args from value in arg select prefix.Append(value).ToArray();
        }
        return args;
    }

    /// <summary>Syscall numbers: IPC and notifications most often, every other known one, the memory syscalls
    /// with arbitrary arguments, and unknown numbers.</summary>
    public static Gen<ulong> Number => Gen.Frequency(
        (9, Gen.OneOf(Syscall.Send, Syscall.Recv, Syscall.Recv, Syscall.Call, Syscall.Call, Syscall.Reply, Syscall.ReplyRecv, Syscall.NBSend, Syscall.NBRecv).Select(n => (ulong)n)),
        (3, Gen.OneOf(Syscall.Signal, Syscall.Wait, Syscall.Poll, Syscall.Yield).Select(n => (ulong)n)),
        (3, Gen.OneOf(Syscall.CapCopy, Syscall.CapMint, Syscall.CapMove, Syscall.CapMutate, Syscall.CapRotate, Syscall.CapDelete, Syscall.CapRevoke, Syscall.CapInsertInto,
            Syscall.CapCancelBadgedSends).Select(n => (ulong)n)),
        (3, Gen.OneOf(Syscall.Retype, Syscall.Retype, Syscall.MemoryAllocate, Syscall.EndpointCreate, Syscall.NotificationCreate, Syscall.ProcessCreate).Select(n => (ulong)n)),
        (3, Gen.OneOf(Syscall.TcbConfigure, Syscall.TcbSetPriority, Syscall.TcbSetMaxControlledPriority, Syscall.TcbSuspend, Syscall.TcbResume,
            Syscall.TcbWriteRegisters, Syscall.TcbBindNotification, Syscall.TcbUnbindNotification, Syscall.TcbSetAffinity).Select(n => (ulong)n)),
        (1, Gen.OneOf(Syscall.IrqHandlerGet, Syscall.IrqAck, Syscall.IrqSetNotification, Syscall.Shutdown, Syscall.DebugPutChar).Select(n => (ulong)n)),
        (1, Gen.OneOf(0x15UL, 0x16UL, 0x1BUL, 0x24UL, 0x1001UL)),
        (1, Gen.OneOf(0UL, 0x09UL, 0x12UL, 0x999UL, ulong.MaxValue)));

    public static Gen<Op> SyscallOp(int maxCore) =>
        from core in Gen.Int[0, maxCore]
        from number in Number
        from args in Args(Shape((Kaal.Model.Syscall)number))
        select (Op)new SysOp(core, number, args);

    public static Gen<Op> Operation(int maxCore) => Gen.Frequency(
        (20, SyscallOp(maxCore)),
        (3, from core in Gen.Int[0, maxCore]
            from word in Gen.Frequency((6, Gen.Int[IpcBuffer.FirstCapOrBadge, IpcBuffer.ReceiveDepth]), (1, Gen.Int[1, 8]))
            from value in word == IpcBuffer.ReceiveDepth ? Gen.Frequency((4, Gen.Const(64UL)), (1, Wild))
                : word == IpcBuffer.ReceiveIndex ? Gen.Frequency((4, Gen.Int[48, 63].Select(v => (ulong)v)), (1, Wild))
                : word == IpcBuffer.ReceiveCNode ? Gen.Frequency((4, Gen.Const(SyscallWorld.Root)), (1, Cptr))
                : Gen.Frequency((4, Cptr), (1, Wild))
            select (Op)new BufferOp(core, word, value)),
        (3, Gen.Int[0, maxCore].Select(core => (Op)new TickOp(core))),
        (1, from core in Gen.Int[0, maxCore]
            from irq in Gen.Frequency((4, Gen.OneOf(SyscallWorld.IrqA, SyscallWorld.IrqB)), (1, Gen.Int[0, 70].Select(v => (uint)v)))
            select (Op)new InterruptOp(core, irq)),
        (1, from core in Gen.Int[0, maxCore]
            from kind in Gen.OneOf(FaultKind.VmFault, FaultKind.UserException)
            from address in U64
            select (Op)new UserFaultOp(core, kind, address)));

    public static Gen<ChildSpec> Child(int cores, bool ownCSpaceOnly) =>
        from priority in Gen.Frequency((3, Gen.OneOf<byte>(10, 50, 50, 100, 100, 200)), (1, Gen.Int[1, 254].Select(p => (byte)p)))
        from core in Gen.Int[0, cores - 1]
        from own in ownCSpaceOnly ? Gen.Const(true) : Gen.OneOf(true, false)
        from gifts in Gen.Int[0, (1 << SyscallWorld.Gifts.Length) - 1]
        from fault in Gen.OneOf(false, false, true)
        from buffer in Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false)))
        from receive in Gen.Int[48, 51].Select(v => (ulong)v)
        from extra in Gen.OneOf(Root, Root, 24UL, BootInfo.InitialThreadSlot, EndpointA, EndpointB, NotificationA, NotificationB, BadgedNotification)
        select new ChildSpec(priority, core, own, 6, ownCSpaceOnly ? gifts | 0b11 : gifts, fault, buffer, receive, extra);

    public static Gen<WorldSpec> World(bool separateCSpaces) =>
        from cores in Gen.OneOf(1, 1, 2)
        from count in Gen.Int[2, 4]
        from children in Child(cores, separateCSpaces).Array[count]
        from rootPriority in separateCSpaces
            ? Gen.Const((byte?)null)
            : Gen.Frequency((3, Gen.OneOf<byte>(0, 10, 50, 100, 150, 255).Select(p => (byte?)p)), (1, Gen.Const((byte?)null)))
        select new WorldSpec(cores, rootPriority, children);

    public static Gen<OpSequence> Sequence(bool separateCSpaces, int maxLength) =>
        from spec in World(separateCSpaces)
        from length in Gen.Int[1, maxLength]
        from ops in Operation(spec.Cores - 1).Array[length]
        select new OpSequence(new Op[] { new SetupOp(spec) }.Concat(ops).ToList());

    /// <summary>The world of a (possibly shrunk) sequence: its first operation if that is a setup, else the fallback.</summary>
    public static WorldSpec SpecOf(OpSequence sequence, WorldSpec fallback) =>
        sequence.Ops.Count > 0 && sequence.Ops[0] is SetupOp setup ? setup.Spec : fallback;
}
