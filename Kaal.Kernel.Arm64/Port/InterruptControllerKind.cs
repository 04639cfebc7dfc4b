namespace Kaal.Kernel.Arm64.Port;

internal enum InterruptControllerKind : byte
{
    /// <summary>ARM GICv2 (QEMU virt): distributor + CPU interface.</summary>
    GicV2 = 1,
    /// <summary>BCM2836 per-core local interrupt controller (BCM2837, Raspberry Pi 3): timer lines per core.</summary>
    Bcm2836Local = 2,
}
