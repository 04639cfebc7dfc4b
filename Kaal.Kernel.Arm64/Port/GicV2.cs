namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ARM GICv2 (QEMU virt, single security state): enables one private peripheral interrupt for core 0,
/// acknowledges and completes interrupts through the CPU interface.
/// </summary>
internal static class GicV2
{
    private const ulong DistributorControl = 0x000;
    private const ulong DistributorSetEnable0 = 0x100; // INTIDs 0..31 (SGIs and PPIs of this core)
    private const ulong CpuControl = 0x000;
    private const ulong CpuPriorityMask = 0x004;
    private const ulong CpuAcknowledge = 0x00C;
    private const ulong CpuEndOfInterrupt = 0x010;
    private const uint IdMask = 0x3FF;
    internal const uint SpuriousId = 1023;

    internal static void Initialize(ulong distributorAddress, ulong cpuInterfaceAddress, uint privateInterruptId)
    {
        Arch.MmioWrite32(distributorAddress + DistributorControl, 0);
        Arch.MmioWrite32(distributorAddress + DistributorSetEnable0, 1u << (int)privateInterruptId);
        Arch.MmioWrite32(distributorAddress + DistributorControl, 1);
        Arch.MmioWrite32(cpuInterfaceAddress + CpuPriorityMask, 0xFF); // let every priority through
        Arch.MmioWrite32(cpuInterfaceAddress + CpuControl, 1);
    }

    internal static uint Acknowledge(ulong cpuInterfaceAddress) => Arch.MmioRead32(cpuInterfaceAddress + CpuAcknowledge) & IdMask;

    internal static void EndOfInterrupt(ulong cpuInterfaceAddress, uint interruptId) =>
        Arch.MmioWrite32(cpuInterfaceAddress + CpuEndOfInterrupt, interruptId);
}
