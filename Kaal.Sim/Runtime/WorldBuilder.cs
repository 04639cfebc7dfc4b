using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Builds a scenario's system the way a root task would: every object is retyped from the root task's
/// untyped memory and every capability a component gets is copied into its CSpace with CAP_INSERT_INTO,
/// all through real syscalls of the root thread. A syscall that fails stops the build with its error.
/// </summary>
public sealed class WorldBuilder
{
    private const uint FirstFreeRootSlot = 40;
    private const ulong Depth = 64;
    private const int ComponentCNodeRadix = 5;

    private readonly Kernel _kernel;
    private readonly SimMachineState _machine;
    private readonly List<SimThread> _threads = new();
    private readonly List<uint> _threadSlots = new();
    private readonly Dictionary<uint, string> _labels = new();
    private readonly uint _untypedSlot;
    private uint _nextRootSlot = FirstFreeRootSlot;

    private readonly IThreadMemory _memory;

    internal WorldBuilder(Kernel kernel, SimMachineState machine, IThreadMemory memory)
    {
        _kernel = kernel;
        _machine = machine;
        _memory = memory;
        _untypedSlot = kernel.LargestRamUntypedIndex();
    }

    public Kernel Kernel => _kernel;

    /// <summary>
    /// Runs <paramref name="rootTask"/> as the root thread, every syscall completing at once (set-up, not explored).
    /// Threads it creates and resumes are found by the simulation when they first run, by the program at their pc.
    /// What it could not do (its returned failure, or an exception: a bug) stops the set-up with the message.
    /// </summary>
    public void RunRootTask(Func<Sys, Task<Outcome>> rootTask)
    {
        var sys = new Sys(new DirectBackend(_kernel, _machine, _memory), "root");
        Task<Outcome> done = rootTask(sys);
        if (!done.IsCompleted) throw new SimulationException("the root task did not complete during set-up");
        if (done.IsFaulted) throw new SimulationException($"the root task failed: {done.Exception?.InnerException?.Message}", done.Exception?.InnerException);
        if (done.Result.Failed) throw new SimulationException($"the root task failed: {done.Result.Failure.Message}");
    }

    internal IReadOnlyList<SimThread> Threads => _threads;

    /// <summary>Scenario names of objects, by object-table index, for reports.</summary>
    internal IReadOnlyDictionary<uint, string> Labels => _labels;

    /// <summary>A component in its own CSpace and VSpace, at <paramref name="priority"/> on <paramref name="core"/>.</summary>
    public WorldComponent AddComponent(string name, byte priority, int core, Func<Sys, Task> entry) => Add(name, priority, core, entry, daemon: false);

    /// <summary>
    /// A component that serves for ever (a server looping on Recv): when every other component has finished and
    /// nothing can run, the run passes with the daemon still waiting, instead of being reported as a deadlock. A
    /// daemon that never blocks keeps the run from ending (the step limit).
    /// </summary>
    public WorldComponent AddDaemon(string name, byte priority, int core, Func<Sys, Task> entry) => Add(name, priority, core, entry, daemon: true);

    private WorldComponent Add(string name, byte priority, int core, Func<Sys, Task> entry, bool daemon)
    {
        uint first = TakeRootSlots(3);
        Syscall(Model.Syscall.ProcessCreate, _untypedSlot, first, ComponentCNodeRadix, priority);
        Syscall(Model.Syscall.TcbSetAffinity, first, (ulong)core);
        var component = new WorldComponent(name, first, first + 1, first + 2);
        uint thread = _kernel.ThreadOf(_kernel.Slot(_kernel.RootSlot(first)).Cap);
        _threads.Add(new SimThread(name, thread, _kernel.ThreadAt(thread).Generation, entry, _memory) { IsDaemon = daemon });
        _threadSlots.Add(first);
        return component;
    }

    /// <summary>An endpoint; <paramref name="label"/> names it in reports.</summary>
    public uint CreateEndpoint(string label) => Create(Model.Syscall.EndpointCreate, label);

    /// <summary>A notification; <paramref name="label"/> names it in reports.</summary>
    public uint CreateNotification(string label) => Create(Model.Syscall.NotificationCreate, label);

    /// <summary>A 4 KiB frame of RAM, zeroed; returns its root slot.</summary>
    public uint CreateFrame()
    {
        uint slot = TakeRootSlots(1);
        Syscall(Model.Syscall.MemoryAllocate, _untypedSlot, ObjectSizes.PageBits, slot);
        return slot;
    }

    /// <summary>Copies the capability in root slot <paramref name="rootSlot"/> into the component's CSpace,
    /// optionally badged (through <see cref="Mint"/>), with only <paramref name="rights"/>; returns its address there.</summary>
    public ulong Give(WorldComponent component, uint rootSlot, CapRights rights, ulong badge = 0)
    {
        uint source = badge == 0 ? rootSlot : Mint(rootSlot, rights, badge);
        ulong cptr = component.NextCptr;
        Syscall(Model.Syscall.CapInsertInto, component.TcbSlot, source, cptr, (ulong)rights);
        component.NextCptr = cptr + 1;
        return cptr;
    }

    /// <summary>A copy of the capability in <paramref name="rootSlot"/> with only <paramref name="rights"/> and
    /// <paramref name="badge"/> (CAP_MINT), derived from it (so <see cref="Revoke"/> of the original removes it); returns
    /// the root slot it went to, for <see cref="Give"/>, <see cref="Revoke"/> or <see cref="Delete"/>.</summary>
    public uint Mint(uint rootSlot, CapRights rights, ulong badge)
    {
        uint slot = TakeRootSlots(1);
        Syscall(Model.Syscall.CapMint, BootInfo.RootCNodeSlot, slot, Depth, BootInfo.RootCNodeSlot, rootSlot, Depth, (ulong)rights, badge);
        return slot;
    }

    /// <summary>Deletes every capability derived from the one in <paramref name="rootSlot"/> (CAP_REVOKE): badged
    /// copies, and the copies <see cref="Give"/> put into components' CSpaces. The capability itself stays.</summary>
    public void Revoke(uint rootSlot) => Syscall(Model.Syscall.CapRevoke, BootInfo.RootCNodeSlot, rootSlot, Depth);

    /// <summary>Deletes the capability in <paramref name="rootSlot"/> (CAP_DELETE).</summary>
    public void Delete(uint rootSlot) => Syscall(Model.Syscall.CapDelete, BootInfo.RootCNodeSlot, rootSlot, Depth);

    /// <summary>
    /// Makes the endpoint in <paramref name="endpointRootSlot"/> the component's fault endpoint (TCB_CONFIGURE): a
    /// fault of the component (an access outside its mappings, or an injected <c>crash</c> fault: only components with a
    /// fault endpoint are crashed) is sent there as a Call that a supervisor receives (docs/abi.md, "Faults"), badged
    /// with <paramref name="badge"/> so the supervisor can tell who faulted. Returns the endpoint's address in the
    /// component's CSpace.
    /// </summary>
    public ulong SetFaultEndpoint(WorldComponent component, uint endpointRootSlot, ulong badge = 0)
    {
        ulong faultCptr = Give(component, endpointRootSlot, CapRights.Write | CapRights.Grant, badge);
        uint guardedRoot = Mint(component.CNodeSlot, CapRights.All, CapData.CNodeGuard(0, ObjectSizes.WordBits - ComponentCNodeRadix));
        Syscall(Model.Syscall.TcbConfigure, component.TcbSlot, faultCptr, guardedRoot, component.VSpaceSlot, 0, 0);
        return faultCptr;
    }

    /// <summary>Writes <paramref name="words"/> into the frame in <paramref name="frameSlot"/> from byte
    /// <paramref name="offsetBytes"/> (8-aligned): what shared memory holds when every schedule starts.</summary>
    public void WriteFrame(uint frameSlot, ulong offsetBytes, params ulong[] words)
    {
        Capability frame = _kernel.Slot(_kernel.RootSlot(frameSlot)).Cap;
        if (frame.Type != CapType.Frame) throw new SimulationException($"WriteFrame: root slot {frameSlot} holds a {frame.Type} capability, not a frame");
        ulong sizeBytes = _kernel.Object(frame.Object).SizeBytes;
        if ((offsetBytes & 7) != 0 || offsetBytes + (ulong)words.Length * 8 > sizeBytes)
        {
            throw new SimulationException($"WriteFrame: {words.Length} words at byte {offsetBytes} do not fit 8-aligned in the {sizeBytes}-byte frame of root slot {frameSlot}");
        }
        var machine = new SimMachine(_machine);
        ulong physAddr = _kernel.Object(frame.Object).PhysAddr + offsetBytes;
        foreach (ulong word in words)
        {
            machine.WriteWord(physAddr, word);
            physAddr += 8;
        }
    }

    /// <summary>Maps a frame into the component's address space at <paramref name="virtAddr"/> (through a
    /// copy of the frame capability: a frame capability maps once).</summary>
    public void Map(WorldComponent component, uint frameSlot, ulong virtAddr, VmRights rights)
    {
        uint copy = TakeRootSlots(1);
        Syscall(Model.Syscall.CapCopy, BootInfo.RootCNodeSlot, copy, Depth, BootInfo.RootCNodeSlot, frameSlot, Depth, (ulong)CapRights.All);
        Syscall(Model.Syscall.MemoryMapInto, component.VSpaceSlot, copy, virtAddr, (ulong)rights);
    }

    /// <summary>Starts every component and takes the root thread off the CPU for good.</summary>
    internal void StartAll()
    {
        foreach (uint tcbSlot in _threadSlots)
        {
            Syscall(Model.Syscall.TcbResume, tcbSlot);
        }
        Syscall(Model.Syscall.TcbSuspend, BootInfo.InitialThreadSlot);
    }

    private uint Create(Syscall number, string label)
    {
        uint slot = TakeRootSlots(1);
        Syscall(number, _untypedSlot, slot);
        _labels[_kernel.Slot(_kernel.RootSlot(slot)).Cap.Object.Index] = label;
        return slot;
    }

    private uint TakeRootSlots(uint count)
    {
        uint first = _nextRootSlot;
        if (first + count > _kernel.BootInfo.RootCNodeSlotCount)
        {
            throw new SimulationException($"the scenario needs more than the root CNode's {_kernel.BootInfo.RootCNodeSlotCount} slots");
        }
        _nextRootSlot += count;
        return first;
    }

    private void Syscall(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0, ulong a6 = 0, ulong a7 = 0)
    {
        var machine = new SimMachine(_machine);
        uint root = _kernel.BootInfo.RootThread;
        if (_kernel.Core(0).Current != root)
        {
            throw new SimulationException($"set-up syscall {number}: the root thread is not running");
        }
        ulong status = _kernel.MakeSyscall(ref machine, 0, number, a0, a1, a2, a3, a4, a5, a6, a7);
        if (status != 0)
        {
            throw new SimulationException(
                $"set-up syscall {number} failed: {(KernelError)status} ({(ErrorReason)_kernel.Register(root, Kernel.ErrorReasonRegister)})");
        }
    }
}
