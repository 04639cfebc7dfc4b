using System;
using System.Collections.Generic;
using System.Reflection;
using Kaal.Model.Scenarios;
using Kaal.Tests.Shared.Allocation;
using Kaal.Model.Tests.Syscalls;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>
/// Kernel.CopyStateTo and Kernel.StateHash (DESIGN.md decision 2). Completeness is checked by reflection, so
/// a field added to Kernel or to one of its tables (or to a struct they hold) that CopyStateTo forgets, or that
/// StateHash does not cover, fails here without anyone updating a list: every leaf field of the state graph
/// is poisoned in the target before the copy and must equal the source after it, and every leaf (except the
/// named scratch arrays) changes the hash when perturbed.
/// </summary>
public sealed class SnapshotTests
{
    private const ulong Root = BootInfo.RootCNodeSlot;
    private const ulong D = ScenarioSystem.Depth;
    private const uint F = ScenarioSystem.FirstFreeSlot;
    private const uint Endpoint = F, BadgedEndpoint = F + 1, Notification = F + 2, BadgedNotification = F + 3, Handler = F + 4,
        MappedFrame = F + 5, PendingFrame = F + 6, BoundNotification = F + 7, Doomed = F + 8, SecondEndpoint = F + 9,
        ServerTcb = F + 10, Server2Tcb = F + 11, WaiterTcb = F + 12, CallerTcb = F + 13, SenderTcb = F + 14, BinderTcb = F + 15,
        ReceiverTcb = F + 16, BadgedBound = F + 17;
    private const uint Irq = 7;

    /// <summary>Arrays no operation reads before writing: left out of the hash (and documented so in StateHash).</summary>
    private static readonly string[] ScratchFields = { "_checkerCapCounts", "_checkerOrder", "_checkerOpen", "_reservedSlotBlocks", "_destroyQueue", "_stallQueue" };

    /// <summary>Not state, so left out of the hash too: whether fast paths run and how many did, and the null
    /// capability the fast paths' lookup returns when it finds none (never written; every leaf of it). Kernels with and
    /// without fast paths reach the same states (FastPathDifferentialTests), which the hash must not tell apart.</summary>
    private static readonly string[] NotStateFields = { "_config.SlowPathOnly", "_fastPathsTaken", "_noCapability" };

    /// <summary>
    /// Two cores, eight threads: servers blocked on receive and on a notification (the latter owing a reply),
    /// a caller blocked on reply, a sender blocked on send, a waiter woken by an interrupt, a thread with a
    /// bound notification, ready threads; a mapped frame and a pending one, an IRQ handler with a masked line
    /// and a pending line change, a destroyed object (bumped generation), written registers and FP words.
    /// </summary>
    private static ScenarioSystem Rich()
    {
        var s = new ScenarioSystem(2);
        Kernel k = s.Kernel;
        Ok(s.Create(ObjectType.Endpoint, Endpoint));
        Ok(s.Sys(0, Syscall.CapMint, Root, BadgedEndpoint, D, Root, Endpoint, D, (ulong)(CapRights.Write | CapRights.Grant), 0x11));
        Ok(s.Create(ObjectType.Notification, Notification));
        Ok(s.Sys(0, Syscall.CapMint, Root, BadgedNotification, D, Root, Notification, D, (ulong)CapRights.Write, 0x4));
        Ok(s.Sys(0, Syscall.IrqHandlerGet, BootInfo.IrqControlSlot, Irq, Root, Handler, D));
        Ok(s.Sys(0, Syscall.IrqSetNotification, Handler, BadgedNotification));
        Ok(s.Create(ObjectType.Frame4K, MappedFrame));
        Ok(s.Sys(0, Syscall.MemoryMap, MappedFrame, 0x10_0000, (ulong)(VmRights.Read | VmRights.Write)));
        Ok(s.Create(ObjectType.Frame4K, PendingFrame));
        Ok(s.Create(ObjectType.Notification, BoundNotification));
        Ok(s.Sys(0, Syscall.CapMint, Root, BadgedBound, D, Root, BoundNotification, D, (ulong)CapRights.Write, 0x8));
        Ok(s.Create(ObjectType.Endpoint, SecondEndpoint));
        Ok(s.Create(ObjectType.Endpoint, Doomed));
        Ok(s.Sys(0, Syscall.CapDelete, Root, Doomed, D));

        uint server = s.Spawn(ServerTcb, 100, 0);
        uint server2 = s.Spawn(Server2Tcb, 100, 0);
        uint receiver = s.Spawn(ReceiverTcb, 95, 0);
        uint waiter = s.Spawn(WaiterTcb, 90, 0);
        uint caller = s.Spawn(CallerTcb, 60, 1);
        uint sender = s.Spawn(SenderTcb, 50, 1);
        uint binder = s.Spawn(BinderTcb, 40, 1);
        Assert.Equal(caller, s.Current(1));

        Ok(s.Sys(0, Syscall.TcbSetPriority, BootInfo.InitialThreadSlot, 80));
        Assert.Equal(server, s.Current(0));
        s.Sys(0, Syscall.Recv, Endpoint);
        Assert.Equal(server2, s.Current(0));
        s.Sys(0, Syscall.Recv, SecondEndpoint);
        Assert.Equal(receiver, s.Current(0));
        s.Sys(0, Syscall.Recv, Endpoint);
        Assert.Equal(waiter, s.Current(0));
        s.Sys(0, Syscall.Wait, Notification);
        Assert.Equal(s.RootThread, s.Current(0));

        s.Sys(1, Syscall.Call, BadgedEndpoint, MessageInfo.Make(5, 2, 0, 0), 0xAA, 0xBB);
        Assert.Equal(ThreadState.BlockedOnReply, k.ThreadAt(caller).State);
        Assert.Equal(server, s.Current(0));
        s.Sys(0, Syscall.Call, SecondEndpoint, MessageInfo.Make(6, 1, 0, 0), 0xCC);
        Assert.Equal(server2, s.Current(0));
        s.Sys(0, Syscall.Wait, Notification);
        Assert.Equal(s.RootThread, s.Current(0));

        Assert.Equal(sender, s.Current(1));
        s.Sys(1, Syscall.Send, SecondEndpoint, MessageInfo.Make(9, 1, 0, 0), 0xDD);
        Assert.Equal(binder, s.Current(1));
        Ok(s.Sys(1, Syscall.TcbBindNotification, BinderTcb, BoundNotification));
        Ok(s.Sys(1, Syscall.Signal, BadgedBound));
        k.Tick(1);
        k.Tick(1);
        k.Threads.FpWord(binder, 5) = 0xF00D;
        k.Threads.FpWord(caller, UserContext.FpWordCount - 1) = 0x1234;
        k.Register(binder, UserContext.Sp) = 0x7FFF_F000;

        k.HandleInterrupt(ref s.Machine, 0, Irq);
        Assert.Equal(waiter, s.Current(0));
        Assert.True(k.FrameMap(k.RootSlot(PendingFrame), k.Slot(k.RootSlot(BootInfo.InitialVSpaceSlot)).Cap, 0x20_0000, VmRights.Read).IsOk);
        Assert.True(k.IrqHandlerAck(k.Slot(k.RootSlot(Handler)).Cap).IsOk);

        Assert.Equal(ThreadState.BlockedOnReply, k.ThreadAt(server).State);
        Assert.Equal(ThreadState.BlockedOnReply, k.ThreadAt(caller).State);
        Assert.Equal(ThreadState.BlockedOnReceive, k.ThreadAt(receiver).State);
        Assert.Equal(ThreadState.Running, k.ThreadAt(binder).State);
        Assert.Equal(0x8UL, k.Object(k.Slot(k.RootSlot(BoundNotification)).Cap.Object).Word);
        Assert.Equal(ThreadState.BlockedOnNotification, k.ThreadAt(server2).State);
        Assert.Equal(ThreadState.BlockedOnSend, k.ThreadAt(sender).State);
        Assert.Equal(ThreadState.Ready, k.ThreadAt(s.RootThread).State);
        Assert.True(k.Mappings.HasPendingChanges);
        KernelState.AssertInvariants(k);
        return s;
    }

    private static void Ok(ulong status) => Assert.Equal(0UL, status);

    [Fact]
    public void Copy_reproduces_every_field_of_the_kernel_and_its_tables()
    {
        ScenarioSystem source = Rich();
        var target = new ScenarioSystem(2);
        Ok(target.Create(ObjectType.Endpoint, Endpoint));
        List<Leaf> sourceLeaves = Leaves(source.Kernel);
        List<Leaf> targetLeaves = Leaves(target.Kernel);
        Assert.Equal(sourceLeaves.Count, targetLeaves.Count);
        Assert.True(sourceLeaves.Count > 10_000, $"only {sourceLeaves.Count} leaves");

        // Poison: every writable leaf of the target differs from the source's, so a field the copy skips is caught.
        for (int i = 0; i < targetLeaves.Count; i++)
        {
            Assert.Equal(sourceLeaves[i].Name, targetLeaves[i].Name);
            if (!targetLeaves[i].IsConstant) targetLeaves[i].Set(Perturb(sourceLeaves[i].Get()));
        }
        source.Kernel.CopyStateTo(target.Kernel);

        for (int i = 0; i < targetLeaves.Count; i++)
        {
            Assert.True(Equals(sourceLeaves[i].Get(), targetLeaves[i].Get()),
                $"{targetLeaves[i].Name}: source {sourceLeaves[i].Get()}, target {targetLeaves[i].Get()}");
        }
        AssertNoSharedReferences(source.Kernel, target.Kernel);
        Assert.Equal(source.Kernel.StateHash(), target.Kernel.StateHash());
        KernelState.AssertInvariants(target.Kernel);
    }

    [Fact]
    public void A_copy_behaves_exactly_like_its_source()
    {
        ScenarioSystem source = Rich();
        var copy = new ScenarioSystem(2);
        Ok(copy.Create(ObjectType.Notification, Endpoint));
        source.Kernel.CopyStateTo(copy.Kernel);
        for (int step = 0; step < 60; step++)
        {
            ulong a = Step(source, step);
            ulong b = Step(copy, step);
            Assert.Equal(a, b);
            Assert.Equal(KernelState.Describe(source.Kernel), KernelState.Describe(copy.Kernel));
            Assert.Equal(source.Kernel.StateHash(), copy.Kernel.StateHash());
            for (uint t = 0; t < source.Kernel.Threads.Capacity; t++)
            {
                for (int r = 0; r < UserContext.RegisterCount; r++) Assert.Equal(source.Kernel.Register(t, r), copy.Kernel.Register(t, r));
            }
        }
        KernelState.AssertInvariants(copy.Kernel);
    }

    /// <summary>A varied continuation played by whichever threads are current; results are whatever they are.</summary>
    private static ulong Step(ScenarioSystem s, int step)
    {
        Kernel k = s.Kernel;
        int core = step & 1;
        switch (step % 10)
        {
            case 0: return s.Sys(core, Syscall.Signal, BadgedNotification);
            case 1: return s.Sys(core, Syscall.Yield);
            case 2: k.Tick(core); return k.Core(core).Current;
            case 3: return s.Sys(core, Syscall.Reply, MessageInfo.Make(0, 1, 0, 0), (ulong)step);
            case 4: return s.Sys(core, Syscall.NBSend, BadgedEndpoint, MessageInfo.Make(1, 1, 0, 0), (ulong)step);
            case 5: k.HandleInterrupt(ref s.Machine, core, Irq); return k.Core(core).Current;
            case 6: return s.Sys(core, Syscall.IrqAck, Handler);
            case 7: return s.Sys(core, Syscall.CapMint, Root, F + 20 + (ulong)(step % 7), D, Root, Endpoint, D, (ulong)CapRights.All, (ulong)step);
            case 8: return s.Sys(core, Syscall.MemoryRemap, MappedFrame, (ulong)VmRights.Read);
            default: return s.Sys(core, Syscall.CapDelete, Root, F + 20 + (ulong)((step + 3) % 7), D);
        }
    }

    [Fact]
    public void Restoring_a_snapshot_returns_to_the_same_state()
    {
        ScenarioSystem live = Rich();
        var snapshot = new Kernel(live.Kernel.Config);
        live.Kernel.CopyStateTo(snapshot);
        ulong before = live.Kernel.StateHash();
        string described = KernelState.Describe(live.Kernel);
        for (int step = 0; step < 30; step++) Step(live, step);
        Assert.NotEqual(before, live.Kernel.StateHash());
        snapshot.CopyStateTo(live.Kernel);
        Assert.Equal(before, live.Kernel.StateHash());
        Assert.Equal(described, KernelState.Describe(live.Kernel));
        List<Leaf> a = Leaves(live.Kernel), b = Leaves(snapshot);
        for (int i = 0; i < a.Count; i++) Assert.True(Equals(a[i].Get(), b[i].Get()), a[i].Name);
        KernelState.AssertInvariants(live.Kernel);
    }

    [Fact]
    public void Copy_into_a_kernel_of_another_configuration_is_refused()
    {
        ScenarioSystem source = Rich();
        var other = new Kernel(ScenarioKernel.Config());
        var panic = Assert.Throws<KernelPanicException>(() => source.Kernel.CopyStateTo(other));
        Assert.Equal(AssertionSite.SnapshotMismatch, panic.Site);
        panic = Assert.Throws<KernelPanicException>(() => source.Kernel.CopyStateTo(source.Kernel));
        Assert.Equal(AssertionSite.SnapshotMismatch, panic.Site);
    }

    [Fact]
    public void Copy_and_hash_allocate_nothing()
    {
        ScenarioSystem source = Rich();
        var target = new Kernel(source.Kernel.Config);
        ulong sink = 0;
        long allocated = SteadyStateAllocation.LeastBytesPerWindow(() =>
        {
            source.Kernel.CopyStateTo(target);
            sink ^= target.StateHash();
        }, 50, 2000);
        Assert.Equal(0L, allocated);
        Assert.Equal(0UL, sink);
    }

    [Fact]
    public void Equal_states_hash_equal()
    {
        ScenarioSystem a = Rich();
        ScenarioSystem b = Rich();
        Assert.Equal(a.Kernel.StateHash(), b.Kernel.StateHash());
        Assert.Equal(a.Kernel.StateHash(), a.Kernel.StateHash());
        var copy = new Kernel(a.Kernel.Config);
        a.Kernel.CopyStateTo(copy);
        Assert.Equal(a.Kernel.StateHash(), copy.StateHash());
        for (int step = 0; step < 40; step++)
        {
            Step(a, step);
            Step(b, step);
            Assert.Equal(a.Kernel.StateHash(), b.Kernel.StateHash());
        }
        Assert.NotEqual(copy.StateHash(), a.Kernel.StateHash());
        // Different configurations are different states even when nothing happened yet.
        Assert.NotEqual(new Kernel(ScenarioKernel.Config()).StateHash(), new ScenarioSystem(1).Kernel.StateHash());
    }

    [Fact]
    public void A_changed_capability_register_ready_queue_or_mapping_changes_the_hash()
    {
        ScenarioSystem s = Rich();
        Kernel k = s.Kernel;
        ulong start = k.StateHash();

        // A capability: one badge bit of one slot.
        ref CapSlot slot = ref k.Slots[k.RootSlot(BadgedEndpoint)];
        Capability original = slot.Cap;
        slot.Cap = original.WithData(original.Data ^ 1, original.GuardSizeBits);
        Assert.NotEqual(start, k.StateHash());
        slot.Cap = original;
        Assert.Equal(start, k.StateHash());

        // A register, and an FP/SIMD word, of a blocked thread.
        uint server = k.ThreadOf(k.Slot(k.RootSlot(ServerTcb)).Cap);
        k.Register(server, 17) ^= 1UL << 63;
        Assert.NotEqual(start, k.StateHash());
        k.Register(server, 17) ^= 1UL << 63;
        k.Threads.FpWord(server, 40) ^= 1;
        Assert.NotEqual(start, k.StateHash());
        k.Threads.FpWord(server, 40) ^= 1;
        Assert.Equal(start, k.StateHash());

        // A ready queue: the same two threads ready in the other order.
        var snapshot = new Kernel(k.Config);
        k.CopyStateTo(snapshot);
        Ok(s.Sys(1, Syscall.Yield));
        Assert.NotEqual(start, k.StateHash());
        snapshot.CopyStateTo(k);
        Assert.Equal(start, k.StateHash());

        // A mapping: remapping the frame with other rights.
        Assert.Equal(0UL, s.Sys(0, Syscall.MemoryRemap, MappedFrame, (ulong)VmRights.Read));
        ulong remapped = k.StateHash();
        Assert.NotEqual(start, remapped);
        snapshot.CopyStateTo(k);
        Assert.True(k.FrameUnmap(k.RootSlot(PendingFrame)).IsOk);
        Assert.NotEqual(start, k.StateHash());
        Assert.NotEqual(remapped, k.StateHash());
    }

    [Fact]
    public void Every_hashed_field_changes_the_hash()
    {
        ScenarioSystem s = Rich();
        var k = new Kernel(s.Kernel.Config);
        s.Kernel.CopyStateTo(k);
        ulong start = k.StateHash();
        int checkedLeaves = 0;
        foreach (Leaf leaf in Leaves(k))
        {
            if (IsScratch(leaf.Name) || IsNotState(leaf.Name)) continue;
            object value = leaf.Get();
            leaf.Set(Perturb(value));
            Assert.True(k.StateHash() != start, $"{leaf.Name} is not hashed");
            leaf.Set(value);
            checkedLeaves++;
        }
        Assert.Equal(start, k.StateHash());
        Assert.True(checkedLeaves > 10_000, $"only {checkedLeaves} leaves");
    }

    [Fact]
    public void Scratch_arrays_are_the_only_fields_left_out_of_the_hash()
    {
        ScenarioSystem s = Rich();
        Kernel k = s.Kernel;
        ulong start = k.StateHash();
        int scratch = 0;
        foreach (Leaf leaf in Leaves(k))
        {
            if (!IsScratch(leaf.Name)) continue;
            object value = leaf.Get();
            leaf.Set(Perturb(value));
            Assert.Equal(start, k.StateHash());
            leaf.Set(value);
            scratch++;
        }
        Assert.Equal((int)(4 * k.Config.ObjectCapacity + ObjectSizes.RetypeFanOutLimit + k.Threads.Capacity), scratch);
    }

    [Fact]
    public void Fast_path_setting_and_counter_are_left_out_of_the_hash()
    {
        ScenarioSystem s = Rich();
        Kernel k = s.Kernel;
        ulong start = k.StateHash();
        var found = new HashSet<string>();
        foreach (Leaf leaf in Leaves(k))
        {
            if (!IsNotState(leaf.Name)) continue;
            object value = leaf.Get();
            leaf.Set(Perturb(value));
            Assert.Equal(start, k.StateHash());
            leaf.Set(value);
            found.Add(Array.Find(NotStateFields, field => leaf.Name == field || leaf.Name.StartsWith(field + ".", StringComparison.Ordinal))!);
        }
        Assert.Equal(NotStateFields.Length, found.Count);
    }

    private static bool IsNotState(string name) =>
        Array.Exists(NotStateFields, field => name == field || name.StartsWith(field + ".", StringComparison.Ordinal));

    /// <summary>The mixer is pure arithmetic: these values are the same in every process, run and machine.</summary>
    [Fact]
    public void The_mixer_is_fixed()
    {
        ulong hash = StateHashing.Seed;
        for (ulong word = 0; word < 4; word++) hash = StateHashing.Mix(hash, word * 0x0101_0101_0101_0101);
        Assert.Equal(0x84DA_B9B6_29B1_FD6EUL, StateHashing.Finish(hash));
        Assert.Equal(0x5A84_1910_3EBE_48E4UL, StateHashing.Mix(StateHashing.Seed, 1));
    }

    private static bool IsScratch(string name)
    {
        foreach (string field in ScratchFields)
        {
            if (name.StartsWith(field + "[", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // ---- Reflection over the state graph -------------------------------------------------------------------

    /// <summary>One primitive, bool or enum value somewhere in the kernel's state. Constant = a readonly
    /// non-array field (the configuration, the pool order): fixed at construction, equal by precondition.</summary>
    private sealed record Leaf(string Name, Func<object> Get, Action<object> Set, bool IsConstant);

    private static readonly Assembly ModelAssembly = typeof(Kernel).Assembly;

    private static List<Leaf> Leaves(Kernel kernel)
    {
        var leaves = new List<Leaf>();
        AddObjectLeaves(kernel, "", leaves);
        return leaves;
    }

    private static FieldInfo[] InstanceFields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);

    private static bool IsLeafType(Type type) => type.IsPrimitive || type.IsEnum;

    private static void AddObjectLeaves(object owner, string prefix, List<Leaf> leaves)
    {
        Type type = owner.GetType();
        Assert.True(type.BaseType == typeof(object), $"{type} has a base class: extend the snapshot test");
        foreach (FieldInfo field in InstanceFields(type))
        {
            string name = prefix + field.Name;
            Type fieldType = field.FieldType;
            if (fieldType.IsArray)
            {
                var array = (Array)field.GetValue(owner)!;
                Assert.Equal(1, array.Rank);
                Type element = fieldType.GetElementType()!;
                Assert.True(element.IsValueType, $"{name}: arrays of references are not plain data");
                for (int index = 0; index < array.Length; index++)
                {
                    int at = index;
                    AddValueLeaves(element, $"{name}[{index}]", () => array.GetValue(at)!, v => array.SetValue(v, at), false, leaves);
                }
            }
            else if (!fieldType.IsValueType)
            {
                Assert.True(fieldType.Assembly == ModelAssembly, $"{name}: a reference to {fieldType} is not kernel state");
                object? child = field.GetValue(owner);
                Assert.NotNull(child);
                AddObjectLeaves(child!, name + ".", leaves);
            }
            else
            {
                AddValueLeaves(fieldType, name, () => field.GetValue(owner)!, v => field.SetValue(owner, v), field.IsInitOnly, leaves);
            }
        }
    }

    /// <summary>The leaves of a value of <paramref name="type"/> read by <paramref name="get"/> and written back
    /// whole by <paramref name="set"/> (structs are boxed copies: change a field, then store the box).</summary>
    private static void AddValueLeaves(Type type, string name, Func<object> get, Action<object> set, bool constant, List<Leaf> leaves)
    {
        if (IsLeafType(type))
        {
            leaves.Add(new Leaf(name, get, set, constant));
            return;
        }
        Assert.True(type.IsValueType && type.Assembly == ModelAssembly, $"{name}: {type} is not plain kernel data");
        foreach (FieldInfo field in InstanceFields(type))
        {
            Assert.False(field.FieldType.IsArray || !field.FieldType.IsValueType, $"{name}.{field.Name}: references inside a struct");
            FieldInfo f = field;
            AddValueLeaves(f.FieldType, name + "." + f.Name,
                () => f.GetValue(get())!,
                v =>
                {
                    object box = get();
                    f.SetValue(box, v);
                    set(box);
                },
                constant, leaves);
        }
    }

    private static object Perturb(object value) => value switch
    {
        bool b => !b,
        byte b => (byte)(b ^ 1),
        sbyte b => (sbyte)(b ^ 1),
        ushort u => (ushort)(u ^ 1),
        short u => (short)(u ^ 1),
        uint u => u ^ 1,
        int u => u ^ 1,
        ulong u => u ^ 1,
        long u => u ^ 1,
        Enum e => Enum.ToObject(e.GetType(), Convert.ToUInt64(e) ^ 1),
        _ => throw new InvalidOperationException($"no perturbation for {value.GetType()}"),
    };

    /// <summary>The copy owns its arrays and tables: nothing reachable from the target is the source's.</summary>
    private static void AssertNoSharedReferences(object source, object target)
    {
        foreach (FieldInfo field in InstanceFields(source.GetType()))
        {
            if (field.FieldType.IsValueType) continue;
            object a = field.GetValue(source)!, b = field.GetValue(target)!;
            Assert.False(ReferenceEquals(a, b), $"{field.Name} is shared");
            if (!field.FieldType.IsArray) AssertNoSharedReferences(a, b);
        }
    }
}
