namespace Kaal.Model.Scenarios;

/// <summary>
/// A booted kernel with its root thread, driven as user code would drive it: the scenario plays
/// whichever thread is current on a core, loads its argument registers and makes the syscall.
/// Root-CNode slots from <see cref="FirstFreeSlot"/> on are the scenario's to use.
/// </summary>
public sealed class ScenarioSystem
{
    public const uint FirstFreeSlot = 40;
    public const int Depth = 64;

    public ScenarioSystem(int coreCount)
    {
        KernelConfig config = ScenarioKernel.Config();
        config.CoreCount = coreCount;
        Kernel = new Kernel(config);
        var regions = new BootRegion[2];
        regions[0] = new BootRegion(ScenarioKernel.RamBaseAddr, ScenarioKernel.RamSizeBytes, false);
        regions[1] = new BootRegion(ScenarioKernel.DeviceBaseAddr, ScenarioKernel.DeviceSizeBytes, true);
        KernelResult booted = Kernel.Boot(regions, 2);
        KernelAssert.That(booted.IsOk, AssertionSite.None, (ulong)booted.Error);
        booted = Kernel.CreateRootThread();
        KernelAssert.That(booted.IsOk, AssertionSite.None, (ulong)booted.Error);
        Machine = ScenarioMachine.Create();
        RootThread = Kernel.BootInfo.RootThread;
        UntypedSlot = ScenarioKernel.LargestRamUntyped(Kernel);
    }

    public Kernel Kernel { get; }

    public ScenarioMachine Machine;

    public uint RootThread { get; }

    /// <summary>The root-CNode index of the RAM untyped the scenario retypes from.</summary>
    public uint UntypedSlot { get; }

    public uint Current(int core) => Kernel.Core(core).Current;

    public ulong Reg(uint thread, int register) => Kernel.Register(thread, register);

    /// <summary>The current thread of <paramref name="core"/> makes a syscall; returns its x0 afterwards
    /// (meaningful only if it did not block).</summary>
    public ulong Sys(int core, Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0,
        ulong a4 = 0, ulong a5 = 0, ulong a6 = 0, ulong a7 = 0) =>
        Kernel.MakeSyscall(ref Machine, core, number, a0, a1, a2, a3, a4, a5, a6, a7);

    /// <summary>
    /// The root thread (which must be current on core 0) makes a thread: TCB into <paramref name="tcbSlot"/>,
    /// sharing the root CSpace, at <paramref name="priority"/> on <paramref name="core"/>, resumed.
    /// Returns the new thread's index.
    /// </summary>
    public uint Spawn(uint tcbSlot, byte priority, int core)
    {
        KernelAssert.That(Current(0) == RootThread, AssertionSite.None, tcbSlot);
        ulong status = Sys(0, Syscall.Retype, UntypedSlot, (ulong)ObjectType.Tcb, 0, BootInfo.RootCNodeSlot, 0, 0, tcbSlot, 1);
        KernelAssert.That(status == 0, AssertionSite.None, status);
        status = Sys(0, Syscall.TcbConfigure, tcbSlot, 0, BootInfo.RootCNodeSlot, BootInfo.InitialVSpaceSlot, 0, 0);
        KernelAssert.That(status == 0, AssertionSite.None, status);
        status = Sys(0, Syscall.TcbSetPriority, tcbSlot, priority);
        KernelAssert.That(status == 0, AssertionSite.None, status);
        status = Sys(0, Syscall.TcbSetAffinity, tcbSlot, (ulong)core);
        KernelAssert.That(status == 0, AssertionSite.None, status);
        uint thread = Kernel.ThreadOf(Kernel.Slot(Kernel.RootSlot(tcbSlot)).Cap);
        Sys(0, Syscall.TcbResume, tcbSlot);
        return thread;
    }

    /// <summary>Retypes one object from the scenario's untyped into a root slot (as the root thread).</summary>
    public ulong Create(ObjectType type, uint slot) =>
        Sys(0, Syscall.Retype, UntypedSlot, (ulong)type, 0, BootInfo.RootCNodeSlot, 0, 0, slot, 1);
}
