using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// IRQ routing for the platform's interrupt controller. The kernel's tick (the EL1 virtual timer) is
/// handled here; every other interrupt is a device line for the Model (<see cref="ResidentKernel.OnDeviceInterrupt"/>),
/// which masks it until the driver acknowledges it. The Model's interrupt numbers are the GIC INTIDs on
/// virt (e.g. 33 = PL011, 30 = EL1 physical timer) and on raspi3b the BCM2835 GPU lines 0-63 (e.g. 57 = PL011)
/// followed by the BCM2836 local sources from 64 (64 + 1 = 65, the EL1 physical timer: a driver's, like PPI 30 on
/// virt). The tick's line is the kernel's: enabling or masking it for the Model does nothing, so it can never stop the clock.
/// Routing: on a GIC a device line goes to the core that last enabled it, which is the core of the thread whose
/// IRQ_SET_NOTIFICATION or IRQ_ACK unmasked it (the Model flushes line changes at the end of that thread's
/// syscall): a driver that acknowledges on its core and then waits there gets the next interrupt on that core, and
/// its notification wakes it without a reschedule interrupt between cores (seL4 routes a line to the core its
/// IRQ_GetTriggerCore names, or the boot core). On the BCM2835 (raspi3b) one register routes every GPU line to a
/// single core, so they all stay on core 0.
/// </summary>
internal static class Interrupts
{
    /// <summary>The EL1 virtual timer's private interrupt on a GIC.</summary>
    private const uint VirtualTimerPpi = 27;
    /// <summary>The SGI another core raises to make this one enter the kernel and reschedule (its handler does
    /// nothing more: the entry's own exit picks the Model's choice).</summary>
    private const uint RescheduleSgi = 0;
    private const uint PrivateInterruptIds = (1u << (int)VirtualTimerPpi) | (1u << (int)RescheduleSgi);
    /// <summary>raspi3b: the first Model number after the GPU lines is the BCM2836 local source 0.</summary>
    private const uint FirstLocalSourceLine = Bcm2835Interrupts.LineCount;
    /// <summary>raspi3b: the EL1 physical timer in the Model's numbering.</summary>
    private const uint PhysicalTimerLine = FirstLocalSourceLine + Bcm2836LocalInterrupts.PhysicalTimerSource;

    /// <summary>Device interrupts taken per core (Boot/SecondaryCores.cs MaxCores entries), for the closing figures.</summary>
    private static ulong[]? s_deviceInterruptsByCore;

    internal static ulong DeviceInterruptsOn(int core) => s_deviceInterruptsByCore != null ? s_deviceInterruptsByCore[core] : 0;

    /// <summary>The boot core: the controller and the boot core's own interrupts.</summary>
    internal static void Initialize(in Platform platform)
    {
        s_deviceInterruptsByCore = new ulong[SecondaryCores.MaxCores];
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            GicV2.Initialize(platform.InterruptControllerBaseAddress, platform.GicCpuInterfaceAddress, PrivateInterruptIds);
        }
        else
        {
            Bcm2836LocalInterrupts.EnableCore(platform.InterruptControllerBaseAddress, 0);
        }
    }

    /// <summary>Another core, after the boot core's <see cref="Initialize"/>: its GIC CPU interface and banked enables
    /// (or its BCM2836 timer and mailbox routing) for its tick and the reschedule interrupt.</summary>
    internal static void InitializeThisCore(in Platform platform, int core)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            GicV2.InitializeCore(platform.InterruptControllerBaseAddress, platform.GicCpuInterfaceAddress, PrivateInterruptIds);
        }
        else
        {
            Bcm2836LocalInterrupts.EnableCore(platform.InterruptControllerBaseAddress, core);
        }
    }

    /// <summary>Makes <paramref name="core"/> enter the kernel (an SGI on a GIC, mailbox 0 on the BCM2836).</summary>
    internal static void SendReschedule(in Platform platform, int core)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            GicV2.SendSoftwareInterrupt(platform.InterruptControllerBaseAddress, core, RescheduleSgi);
        }
        else
        {
            Bcm2836LocalInterrupts.SendReschedule(platform.InterruptControllerBaseAddress, core);
        }
    }

    /// <summary>Unmasks or masks a Model interrupt line at the controller (IMachinePort.SetIrqEnabled), an unmasked
    /// shared line targeted at <paramref name="targetCore"/> on a GIC; the BCM2835's lines all go to core 0 (its one
    /// GPU routing register serves every line).</summary>
    internal static void SetLineEnabled(in Platform platform, uint line, bool enabled, int targetCore)
    {
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            if (line != VirtualTimerPpi)
            {
                GicV2.SetLineEnabled(platform.InterruptControllerBaseAddress, line, enabled, targetCore);
            }
            return;
        }
        if (line < Bcm2835Interrupts.LineCount)
        {
            Bcm2835Interrupts.SetLineEnabled(platform.PeripheralInterruptControllerAddress, line, enabled);
        }
        else if (line == PhysicalTimerLine)
        {
            Bcm2836LocalInterrupts.SetPhysicalTimerEnabled(platform.InterruptControllerBaseAddress, enabled);
        }
    }

    /// <summary>An IRQ on this core, under the big kernel lock.</summary>
    internal static void HandleIrq(in Platform platform)
    {
        int core = Arch.CurrentCore();
        if (platform.InterruptController == InterruptControllerKind.GicV2)
        {
            uint acknowledged = GicV2.Acknowledge(platform.GicCpuInterfaceAddress);
            uint id = GicV2.IdOf(acknowledged);
            if (id == GicV2.SpuriousId)
            {
                return;
            }
            if (id == VirtualTimerPpi)
            {
                GenericTimer.OnInterrupt(core);
            }
            else if (id == RescheduleSgi)
            {
                UserSpace.ReleaseMovedFp(core);
            }
            else
            {
                OnDeviceInterrupt(core, id);
            }
            GicV2.EndOfInterrupt(platform.GicCpuInterfaceAddress, acknowledged);
            return;
        }
        HandleLocalIrq(platform, core);
    }

    private static void OnDeviceInterrupt(int core, uint line)
    {
        s_deviceInterruptsByCore![core]++;
        ResidentKernel.OnDeviceInterrupt(core, line);
    }

    private static void HandleLocalIrq(in Platform platform, int core)
    {
        uint sources = Bcm2836LocalInterrupts.PendingSources(platform.InterruptControllerBaseAddress, core);
        const uint handledSources = Bcm2836LocalInterrupts.VirtualTimerBit | Bcm2836LocalInterrupts.PhysicalTimerBit |
            Bcm2836LocalInterrupts.GpuBit | Bcm2836LocalInterrupts.MailboxZeroBit;
        if ((sources & ~handledSources) != 0)
        {
            KernelPanic.HaltWithValue("unexpected interrupt; BCM2836 local sources", sources);
        }
        if ((sources & Bcm2836LocalInterrupts.MailboxZeroBit) != 0)
        {
            Bcm2836LocalInterrupts.ClearReschedule(platform.InterruptControllerBaseAddress, core);
            UserSpace.ReleaseMovedFp(core);
        }
        if ((sources & Bcm2836LocalInterrupts.VirtualTimerBit) != 0)
        {
            GenericTimer.OnInterrupt(core);
        }
        // Only while the Model has the line enabled: the controller masks the source otherwise.
        if ((sources & Bcm2836LocalInterrupts.PhysicalTimerBit) != 0)
        {
            OnDeviceInterrupt(core, PhysicalTimerLine);
        }
        if ((sources & Bcm2836LocalInterrupts.GpuBit) != 0)
        {
            ulong pending = Bcm2835Interrupts.PendingLines(platform.PeripheralInterruptControllerAddress);
            for (uint line = 0; line < Bcm2835Interrupts.LineCount; line++)
            {
                if ((pending >> (int)line & 1) != 0)
                {
                    OnDeviceInterrupt(core, line);
                }
            }
        }
        // A source that dropped before it was read leaves nothing to do.
    }
}
