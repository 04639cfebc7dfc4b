using Kaal.Model.Scenarios;
using Xunit;

namespace Kaal.Model.Tests;

public sealed class BootTests
{
    [Fact]
    public void Untypeds_cover_all_ram_except_the_root_cnode_in_aligned_blocks()
    {
        var t = new TestKernel();
        ulong coveredBytes = 0;
        for (uint index = 0; index < t.K.BootInfo.UntypedCount; index++)
        {
            Capability cap = t.Cap(BootInfo.FirstUntypedSlot + index);
            ref readonly KernelObject region = ref t.K.Object(cap.Object);
            Assert.Equal(0UL, region.PhysAddr & (region.SizeBytes - 1));
            if (!region.IsDevice) coveredBytes += region.SizeBytes;
        }
        ulong rootBytes = 1UL << (ScenarioKernel.Config().RootCNodeRadix + ObjectSizes.SlotBits);
        Assert.Equal(ScenarioKernel.RamSizeBytes - rootBytes, coveredBytes);
        Assert.Equal(BootInfo.FirstUntypedSlot + t.K.BootInfo.UntypedCount, t.K.BootInfo.FirstEmptySlot);
        t.AssertInvariants();
    }

    [Fact]
    public void Ram_too_small_for_the_root_cnode_is_NotEnoughMemory()
    {
        var kernel = new Kernel(ScenarioKernel.Config());
        var regions = new[] { new BootRegion(0x4000_0000, 1024, false) };
        Assert.Equal(KernelError.NotEnoughMemory, kernel.Boot(regions, 1).Error);
    }

    [Fact]
    public void More_untyped_blocks_than_root_slots_is_an_error_not_a_crash()
    {
        var kernel = new Kernel(ScenarioKernel.Config());
        var regions = new BootRegion[40];
        regions[0] = new BootRegion(0x4000_0000, 1UL << 20, false);
        for (int index = 1; index < regions.Length; index++)
        {
            regions[index] = new BootRegion(0x1000_0000UL + (ulong)index * 0x10_0000 + 0x10, 0xFF0, true);
        }
        KernelResult result = kernel.Boot(regions, regions.Length);
        Assert.Equal(KernelError.NotEnoughMemory, result.Error);
        Assert.Equal(ErrorReason.SlotPoolFull, result.Reason);
    }

    [Fact]
    public void Region_count_must_match_the_array()
    {
        var kernel = new Kernel(ScenarioKernel.Config());
        Assert.Equal(KernelError.RangeError, kernel.Boot(new BootRegion[1], 2).Error);
    }
}
