using Xunit;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// Untyped.Retype decodes in seL4's order with seL4's argument numbers (decodeUntypedInvocation in
/// seL4/seL4 src/object/untyped.c). The property tests found Kaal.Model deviating here once; these pin it.
/// </summary>
public sealed class SeL4DeviationTests
{
    /// <summary>seL4 checks the fan-out (1..256) only after the destination lookup and the offset check.
    /// Minimal case: Retype root[24] -> 0 x Endpoint into (root, index 55, depth 64) where root[55] is
    /// empty: seL4 reports FailedLookup (MissingCapability, 64 bits left, not the source); Kaal.Model
    /// reports RangeError(1..256).</summary>
    [Fact]
    public void Retype_checks_the_destination_before_the_object_count()
    {
        Kernel k = PropertyKernel.BootModel();
        Capability root = k.RootCNodeCap;
        uint untyped = k.RootSlot(24);
        KernelResult r = k.UntypedRetype(untyped, ObjectType.Endpoint, 0, root, 55, 64, 0, 0);
        Assert.Equal(KernelError.FailedLookup, r.Error);
        Assert.Equal(LookupFaultKind.MissingCapability, r.Lookup.Kind);

        // Offset out of range and count 0: seL4 reports the offset (RangeError 0..63), not the count.
        r = k.UntypedRetype(untyped, ObjectType.Endpoint, 0, root, 0, 0, 64, 0);
        Assert.Equal(KernelError.RangeError, r.Error);
        Assert.Equal(63UL, r.RangeMax);
    }

    /// <summary>seL4: an object type outside the enumeration is InvalidArgument (argument 0); Kaal.Model
    /// returns IllegalOperation.</summary>
    [Fact]
    public void Retype_of_an_unknown_object_type_is_InvalidArgument()
    {
        Kernel k = PropertyKernel.BootModel();
        KernelResult r = k.UntypedRetype(k.RootSlot(24), (ObjectType)10, 0, k.RootCNodeCap, 0, 0, 40, 1);
        Assert.Equal(KernelError.InvalidArgument, r.Error);
        Assert.Equal(0, r.ArgumentPosition);
    }

    /// <summary>seL4: creating a non-frame, non-untyped object from device memory is InvalidArgument with
    /// invalidArgumentNumber = 1; Kaal.Model gives argument position 0.</summary>
    [Fact]
    public void Retype_of_kernel_objects_from_device_memory_names_argument_1()
    {
        Kernel k = PropertyKernel.BootModel();
        KernelResult r = k.UntypedRetype(k.RootSlot(25), ObjectType.Endpoint, 0, k.RootCNodeCap, 0, 0, 40, 1);
        Assert.Equal(KernelError.InvalidArgument, r.Error);
        Assert.Equal(1, r.ArgumentPosition);
    }
}
