namespace Kaal.Kernel.Arm64.Port;

/// <summary>PSCI power management over the HVC conduit (QEMU virt's firmware interface at EL1).</summary>
internal static class Psci
{
    private const ulong SystemOff = 0x8400_0008;

    internal static void PowerOff() => Arch.PsciCall(SystemOff);
}
