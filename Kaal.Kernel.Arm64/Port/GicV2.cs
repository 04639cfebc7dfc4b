namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ARM GICv2 (QEMU virt, single security state): enables the kernel's private timer interrupt for core 0,
/// enables and masks device lines for the Model (targeted at core 0), acknowledges and completes
/// interrupts through the CPU interface.
/// </summary>
internal static class GicV2
{
    private const ulong DistributorControl = 0x000;
    private const ulong DistributorSetEnable = 0x100;   // one bit per INTID, 32 per register
    private const ulong DistributorClearEnable = 0x180;
    private const ulong DistributorTargets = 0x800;     // one byte per INTID: CPU mask
    private const ulong CpuControl = 0x000;
    private const ulong CpuPriorityMask = 0x004;
    private const ulong CpuAcknowledge = 0x00C;
    private const ulong CpuEndOfInterrupt = 0x010;
    private const uint IdMask = 0x3FF;
    internal const uint SpuriousId = 1023;
    /// <summary>INTIDs 0-31 are each core's own (SGIs and PPIs); shared peripheral interrupts start here.</summary>
    private const uint FirstSharedId = 32;
    private const uint Core0TargetMask = 1;

    internal static void Initialize(ulong distributorAddress, ulong cpuInterfaceAddress, uint privateInterruptId)
    {
        Arch.MmioWrite32(distributorAddress + DistributorControl, 0);
        Arch.MmioWrite32(distributorAddress + DistributorSetEnable, 1u << (int)privateInterruptId);
        Arch.MmioWrite32(distributorAddress + DistributorControl, 1);
        Arch.MmioWrite32(cpuInterfaceAddress + CpuPriorityMask, 0xFF); // let every priority through
        Arch.MmioWrite32(cpuInterfaceAddress + CpuControl, 1);
    }

    internal static void SetLineEnabled(ulong distributorAddress, uint interruptId, bool enabled)
    {
        if (enabled && interruptId >= FirstSharedId)
        {
            ulong targets = distributorAddress + DistributorTargets + (interruptId & ~3u);
            int shift = (int)(interruptId % 4) * 8;
            uint word = Arch.MmioRead32(targets) & ~(0xFFu << shift);
            Arch.MmioWrite32(targets, word | Core0TargetMask << shift);
        }
        ulong register = (enabled ? DistributorSetEnable : DistributorClearEnable) + interruptId / 32 * 4;
        Arch.MmioWrite32(distributorAddress + register, 1u << (int)(interruptId % 32));
    }

    internal static uint Acknowledge(ulong cpuInterfaceAddress) => Arch.MmioRead32(cpuInterfaceAddress + CpuAcknowledge) & IdMask;

    internal static void EndOfInterrupt(ulong cpuInterfaceAddress, uint interruptId) =>
        Arch.MmioWrite32(cpuInterfaceAddress + CpuEndOfInterrupt, interruptId);
}
