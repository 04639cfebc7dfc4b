namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ARM GICv2 (QEMU virt and the Pi 4's GIC-400, single security state): enables the kernel's private timer
/// interrupt and the reschedule SGI on each core, enables and masks device lines for the Model (each shared line
/// targeted at one core when it is enabled: Port/Interrupts.cs says which), sends SGIs between cores, acknowledges
/// and completes interrupts through the calling core's CPU interface.
/// </summary>
internal static class GicV2
{
    private const ulong DistributorControl = 0x000;
    private const ulong DistributorSetEnable = 0x100;   // one bit per INTID, 32 per register
    private const ulong DistributorClearEnable = 0x180;
    private const ulong DistributorTargets = 0x800;     // one byte per INTID: CPU mask
    private const ulong DistributorSoftwareInterrupt = 0xF00;
    private const ulong CpuControl = 0x000;
    private const ulong CpuPriorityMask = 0x004;
    private const ulong CpuAcknowledge = 0x00C;
    private const ulong CpuEndOfInterrupt = 0x010;
    private const uint IdMask = 0x3FF;
    internal const uint SpuriousId = 1023;
    /// <summary>INTIDs 0-31 are each core's own (SGIs and PPIs); shared peripheral interrupts start here.</summary>
    private const uint FirstSharedId = 32;

    /// <summary>The boot core: the distributor, then its own CPU interface (<see cref="InitializeCore"/>).</summary>
    internal static void Initialize(ulong distributorAddress, ulong cpuInterfaceAddress, uint privateInterruptIds)
    {
        Arch.MmioWrite32(distributorAddress + DistributorControl, 0);
        Arch.MmioWrite32(distributorAddress + DistributorControl, 1);
        InitializeCore(distributorAddress, cpuInterfaceAddress, privateInterruptIds);
    }

    /// <summary>
    /// The calling core's part of the GIC: its banked enable bits for INTIDs 0-31 (<paramref name="privateInterruptIds"/>,
    /// one bit per SGI or PPI: the tick's PPI and the reschedule SGI) and its CPU interface. Every core runs it for
    /// itself; the banked registers are the core's own at the same address.
    /// </summary>
    internal static void InitializeCore(ulong distributorAddress, ulong cpuInterfaceAddress, uint privateInterruptIds)
    {
        Arch.MmioWrite32(distributorAddress + DistributorSetEnable, privateInterruptIds);
        Arch.MmioWrite32(cpuInterfaceAddress + CpuPriorityMask, 0xFF); // let every priority through
        Arch.MmioWrite32(cpuInterfaceAddress + CpuControl, 1);
    }

    /// <summary>Raises software-generated interrupt <paramref name="sgiId"/> (0-15) on one core (GICD_SGIR, target
    /// list filter 0: the cores in the list).</summary>
    internal static void SendSoftwareInterrupt(ulong distributorAddress, int core, uint sgiId) =>
        Arch.MmioWrite32(distributorAddress + DistributorSoftwareInterrupt, (1u << (16 + core)) | sgiId);

    /// <summary>Enables or masks a line; a shared line being enabled is targeted at <paramref name="targetCore"/> first
    /// (GICD_ITARGETSR, one byte of CPU mask per INTID; SGIs and PPIs are every core's own).</summary>
    internal static void SetLineEnabled(ulong distributorAddress, uint interruptId, bool enabled, int targetCore)
    {
        if (enabled && interruptId >= FirstSharedId)
        {
            ulong targets = distributorAddress + DistributorTargets + (interruptId & ~3u);
            int shift = (int)(interruptId % 4) * 8;
            uint word = Arch.MmioRead32(targets) & ~(0xFFu << shift);
            Arch.MmioWrite32(targets, word | (1u << targetCore) << shift);
        }
        ulong register = (enabled ? DistributorSetEnable : DistributorClearEnable) + interruptId / 32 * 4;
        Arch.MmioWrite32(distributorAddress + register, 1u << (int)(interruptId % 32));
    }

    /// <summary>GICC_IAR as read: the INTID (<see cref="IdOf"/>) and, for an SGI, the sending core in bits 12:10,
    /// which the end of interrupt must write back.</summary>
    internal static uint Acknowledge(ulong cpuInterfaceAddress) => Arch.MmioRead32(cpuInterfaceAddress + CpuAcknowledge);

    internal static uint IdOf(uint acknowledged) => acknowledged & IdMask;

    internal static void EndOfInterrupt(ulong cpuInterfaceAddress, uint acknowledged) =>
        Arch.MmioWrite32(cpuInterfaceAddress + CpuEndOfInterrupt, acknowledged);
}
