namespace Kaal.Model;

/// <summary>A physical memory region the platform hands the kernel at boot.</summary>
public readonly struct BootRegion
{
    public readonly ulong BaseAddr;
    public readonly ulong SizeBytes;
    public readonly bool IsDevice;

    public BootRegion(ulong baseAddr, ulong sizeBytes, bool isDevice)
    {
        BaseAddr = baseAddr;
        SizeBytes = sizeBytes;
        IsDevice = isDevice;
    }
}
