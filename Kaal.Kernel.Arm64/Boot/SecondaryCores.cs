using System.Runtime.InteropServices;
using Kaal.Kernel.Arm64.Port;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Brings the other cores online: QEMU virt's through PSCI CPU_ON (cores 1, 2, ... until PSCI says a core does not
/// exist), the Raspberry Pis' through the firmware's spin table (cores 1-3 wait for an entry address at 0xD8 + 8 *
/// core; QEMU's raspi boards do the same). Each enters Boot/start.S kaal_secondary_entry, drops to EL1 as the boot
/// core did, turns on the kernel's map with the boot core's registers, takes its own stack and calls
/// <see cref="Main"/>, which reports the core in (under a ticket lock, Port/ticket_lock.S) and waits for the boot core
/// to boot the Model with one scheduler core per core online (<see cref="Release"/>). Then the core sets up its own
/// interrupts (GIC CPU interface or BCM2836 routing) and tick, and enters the kernel's idle loop under the big kernel
/// lock, holding nothing while it waits; once user space exists it runs the threads the Model places on it
/// (docs/smp.md).
/// </summary>
internal static unsafe class SecondaryCores
{
    /// <summary>Cores the image has stacks for (Link/kaal.ld: one per secondary).</summary>
    internal const uint MaxCores = 8;
    private const uint RaspberryPiCores = 4;
    private const ulong SpinTableAddress = 0xD8;
    /// <summary>How long the boot core waits for the cores it started: a second of counter time at most (it stops
    /// waiting as soon as all have reported in; under multi-threaded TCG on a busy host a vCPU thread may not run for
    /// a tenth of a second, and a core reporting in late gets no scheduler core of the Model).</summary>
    private const ulong WaitDivisor = 1;

    /// <summary>The ticket lock over <see cref="s_online"/> and the console lines the secondaries print.</summary>
    private static uint s_lock;
    private static uint s_online;
    /// <summary>Non-zero once the resident Model is booted and the interrupt controller set up (<see cref="Release"/>).</summary>
    private static uint s_released;

    /// <summary>The counter when the boot core saw the last started core report in (the "all cores online" figure).</summary>
    internal static ulong AllOnlineCounter { get; private set; }

    /// <summary>Cores online after <see cref="Start"/>, the boot core included.</summary>
    internal static uint Online { get; private set; } = 1;

    /// <summary>Starts every other core and waits for them (<see cref="Online"/>, <see cref="AllOnlineCounter"/>).</summary>
    internal static void Start(in Platform platform)
    {
        ulong entry = Arch.SecondaryEntryAddress();
        // PSCI answers HVC only when the kernel was entered at EL1 (virt without virtualization=on); at EL2 the HVC
        // would trap to an EL2 with no vectors, so the other cores stay off there.
        bool psci = platform.HasPsciOverHvc && Arch.BootEntryLevel() == 1;
        uint limit = psci ? MaxCores : platform.HasPsciOverHvc ? 1 : RaspberryPiCores;
        uint started = 1;
        for (uint core = 1; core < limit; core++)
        {
            if (psci)
            {
                if (!Psci.CpuOn(core, entry)) break;
            }
            else
            {
                Arch.ReleaseFromSpinTable(SpinTableAddress + core * 8, entry);
            }
            started++;
        }
        ulong deadline = Arch.ReadVirtualCounter() + Arch.ReadCounterFrequencyHz() / WaitDivisor;
        uint online = 1;
        while (online < started && Arch.ReadVirtualCounter() < deadline)
        {
            online = 1 + SecondariesOnline();
        }
        AllOnlineCounter = Arch.ReadVirtualCounter();
        Online = online;
        KernelConsole.Write("kaal: cores online: ");
        KernelConsole.WriteDecimal(online);
        KernelConsole.Write(" of ");
        KernelConsole.WriteDecimal(started);
        KernelConsole.WriteLine(" started");
    }

    /// <summary>The boot core, after the Model is booted and the interrupt controller is set up: the waiting cores go on.</summary>
    internal static void Release()
    {
        fixed (uint* released = &s_released)
        {
            Arch.Publish(released, 1);
        }
    }

    /// <summary>A secondary core at EL1 with the kernel's map, vectors and its own stack (start.S); never returns.</summary>
    [UnmanagedCallersOnly(EntryPoint = "kaal_secondary_main")]
    private static void Main(ulong core)
    {
        Arch.DisableInterrupts();
        fixed (uint* lockWord = &s_lock)
        {
            Arch.AcquireTicketLock(lockWord);
            KernelConsole.Write("kaal: core ");
            KernelConsole.WriteDecimal(core);
            KernelConsole.WriteLine(" online (EL1, MMU on), idle in WFI");
            s_online++;
            Arch.ReleaseTicketLock(lockWord);
        }
        fixed (uint* released = &s_released)
        {
            Arch.WaitUntilSet(released);
        }
        if (core >= (ulong)ResidentKernel.Instance.CoreCount)
        {
            Park(); // reported in after the boot core stopped waiting: the Model has no scheduler core for it
        }
        Interrupts.InitializeThisCore(Machine.Platform, (int)core);
        GenericTimer.StartThisCore();
        BigKernelLock.Acquire();
        while (!UserSpace.IsReady)
        {
            CpuIdle.WaitOutsideTheKernel(); // ticks reach the Model's scheduler of this core meanwhile
        }
        UserSpace.Enter();
    }

    private static void Park()
    {
        while (true)
        {
            Arch.WaitForInterrupt();
        }
    }

    /// <summary>How many secondaries have reported in, read under the lock.</summary>
    private static uint SecondariesOnline()
    {
        fixed (uint* lockWord = &s_lock)
        {
            Arch.AcquireTicketLock(lockWord);
            uint online = s_online;
            Arch.ReleaseTicketLock(lockWord);
            return online;
        }
    }
}
