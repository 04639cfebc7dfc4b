using Xunit;
using static Kaal.Model.Tests.TestKernel;

namespace Kaal.Model.Tests;

public sealed class IrqTests
{
    [Fact]
    public void Handler_caps_hang_under_IrqControl_and_copies_keep_the_line_busy()
    {
        var t = new TestKernel();
        uint control = t.K.RootSlot(BootInfo.IrqControlSlot);
        t.Ok(t.K.IrqControlGet(control, 27, t.Root, Free, D));
        Assert.Equal(control, t.SlotAt(Free).Parent);
        Assert.Equal(27UL, t.Cap(Free).Data);
        t.Ok(t.K.CNodeCopy(t.Root, Free + 1, D, t.Root, Free, D, CapRights.All));
        t.Ok(t.K.CNodeDelete(t.Root, Free, D));
        Assert.True(t.K.IrqHasHandler(27));
        t.Ok(t.K.CNodeDelete(t.Root, Free + 1, D));
        Assert.False(t.K.IrqHasHandler(27));
    }

    [Fact]
    public void Errors_name_the_problem()
    {
        var t = new TestKernel();
        uint control = t.K.RootSlot(BootInfo.IrqControlSlot);
        t.Fails(t.K.IrqControlGet(t.K.RootSlot(2), 1, t.Root, Free, D), KernelError.InvalidCapability, ErrorReason.ServiceNotIrqControl);
        KernelResult range = t.K.IrqControlGet(control, 64, t.Root, Free, D);
        t.Fails(range, KernelError.RangeError, ErrorReason.IrqOutOfRange);
        Assert.Equal(63UL, range.RangeMax);
        t.Fails(t.K.IrqControlGet(control, 1, t.Root, BootInfo.RootCNodeSlot, D), KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied);
        Assert.False(t.K.IrqHasHandler(1));
        t.Fails(t.K.IrqControlGet(control, 1, t.Root, 1UL << 63, D), KernelError.FailedLookup, ErrorReason.LookupFailed);
    }
}
