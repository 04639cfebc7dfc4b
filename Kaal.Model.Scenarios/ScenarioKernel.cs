namespace Kaal.Model.Scenarios;

/// <summary>A small booted kernel for scenarios: 1 MiB of RAM at QEMU virt's RAM base, a 64-slot root CNode.</summary>
public static class ScenarioKernel
{
    public const ulong RamBaseAddr = 0x4000_0000;
    public const ulong RamSizeBytes = 1UL << 20;
    public const ulong DeviceBaseAddr = 0x0900_0000;
    public const ulong DeviceSizeBytes = 1UL << 12;
    /// <summary>Root-CNode addresses are translated with the full word, as a thread's CSpace root is.</summary>
    public const int Depth = 64;

    public static KernelConfig Config() => new()
    {
        ObjectCapacity = 128,
        SlotPoolOrder = 9,
        RootCNodeRadix = 6,
        IrqCount = 64,
        ThreadCapacity = 16,
        CoreCount = 1,
        MappingCapacity = 32,
    };

    public static Kernel Boot()
    {
        var kernel = new Kernel(Config());
        var regions = new BootRegion[2];
        regions[0] = new BootRegion(RamBaseAddr, RamSizeBytes, false);
        regions[1] = new BootRegion(DeviceBaseAddr, DeviceSizeBytes, true);
        KernelResult booted = kernel.Boot(regions, 2);
        KernelAssert.That(booted.IsOk, AssertionSite.None, (ulong)booted.Error);
        return kernel;
    }

    /// <summary>The root-CNode slot of the largest RAM untyped boot made.</summary>
    public static uint LargestRamUntyped(Kernel kernel) => kernel.LargestRamUntypedIndex();

    /// <summary>Retypes <paramref name="count"/> objects from the largest RAM untyped into root slots from <paramref name="firstSlot"/>.</summary>
    public static KernelResult Retype(Kernel kernel, ObjectType type, int sizeBits, uint firstSlot, int count)
    {
        uint untyped = kernel.RootSlot(LargestRamUntyped(kernel));
        return kernel.UntypedRetype(untyped, type, sizeBits, kernel.RootCNodeCap, 0, 0, firstSlot, count);
    }
}
