namespace Kaal.Kernel.Arm64.Port;

/// <summary>A physical address range [BaseAddress, BaseAddress + SizeBytes), both 2 MiB aligned for the identity map.</summary>
internal readonly struct MemoryRange
{
    internal readonly ulong BaseAddress;
    internal readonly ulong SizeBytes;

    internal MemoryRange(ulong baseAddress, ulong sizeBytes)
    {
        BaseAddress = baseAddress;
        SizeBytes = sizeBytes;
    }

    internal ulong EndAddress => BaseAddress + SizeBytes;

    internal bool Contains(ulong address) => address >= BaseAddress && address - BaseAddress < SizeBytes;
}
