namespace Kaal.Kernel.Arm64.Port;

/// <summary>PSCI power management over the HVC conduit (QEMU virt's firmware interface at EL1).</summary>
internal static class Psci
{
    private const ulong SystemOff = 0x8400_0008;
    private const ulong CpuOn64 = 0xC400_0003;

    internal static void PowerOff() => Arch.PsciCall(SystemOff);

    /// <summary>Starts the core whose MPIDR affinity is <paramref name="core"/> at <paramref name="entryAddress"/> (MMU
    /// off, the caller's EL); false if PSCI refuses (no such core, or it is on already).</summary>
    internal static bool CpuOn(ulong core, ulong entryAddress) => Arch.PsciCall(CpuOn64, core, entryAddress, 0) == 0;
}
