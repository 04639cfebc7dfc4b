namespace Kaal.Model.Scenarios;

/// <summary>Capability-system scenarios that need no user space: each boots its own kernel.</summary>
public static class CapabilityScenarios
{
    private const int D = ScenarioKernel.Depth;
    private const uint Free = 40;

    public static ushort BootLayout()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.That(root.Type == CapType.CNode);
        checks.That(root.GuardSizeBits == 64 - 6);
        checks.That(kernel.Slot(kernel.RootSlot(BootInfo.IrqControlSlot)).Cap.Type == CapType.IrqControl);
        checks.That(kernel.BootInfo.UntypedCount > 0);
        SlotLookup lookup = kernel.ResolveAddressBits(root, BootInfo.RootCNodeSlot, D);
        checks.That(lookup.IsOk && lookup.Slot == kernel.RootSlot(BootInfo.RootCNodeSlot));
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort CopyMasksRights()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Endpoint, 0, Free, 1));
        checks.Ok(kernel.CNodeCopy(root, Free + 1, D, root, Free, D, CapRights.Read | CapRights.Grant));
        Capability copy = kernel.Slot(kernel.RootSlot(Free + 1)).Cap;
        checks.That(copy.Rights == (CapRights.Read | CapRights.Grant));
        checks.Ok(kernel.CNodeCopy(root, Free + 2, D, root, Free + 1, D, CapRights.All));
        checks.That(kernel.Slot(kernel.RootSlot(Free + 2)).Cap.Rights == (CapRights.Read | CapRights.Grant));
        checks.Fails(kernel.CNodeCopy(root, Free + 2, D, root, Free, D, CapRights.All), KernelError.DeleteFirst);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort MintBadgesOnce()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Notification, 0, Free, 1));
        checks.Ok(kernel.CNodeMint(root, Free + 1, D, root, Free, D, CapRights.All, 0x42));
        checks.That(kernel.Slot(kernel.RootSlot(Free + 1)).Cap.Badge == 0x42);
        KernelResult rebadge = kernel.CNodeMint(root, Free + 2, D, root, Free + 1, D, CapRights.All, 0x43);
        checks.Fails(rebadge, KernelError.IllegalOperation);
        checks.That(rebadge.Reason == ErrorReason.BadgeAlreadySet);
        checks.Ok(kernel.CNodeCopy(root, Free + 2, D, root, Free + 1, D, CapRights.All));
        checks.That(kernel.Slot(kernel.RootSlot(Free + 2)).Cap.Badge == 0x42);
        checks.Fails(kernel.CNodeMutate(root, Free + 3, D, root, Free + 2, D, 7), KernelError.IllegalOperation);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort RevokeDeletesDescendants()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Endpoint, 0, Free, 1));
        checks.Ok(kernel.CNodeMint(root, Free + 1, D, root, Free, D, CapRights.All, 5));
        checks.Ok(kernel.CNodeCopy(root, Free + 2, D, root, Free + 1, D, CapRights.Write));
        checks.Ok(kernel.CNodeCopy(root, Free + 3, D, root, Free, D, CapRights.Read));
        checks.Ok(kernel.CNodeRevoke(root, Free, D));
        checks.That(!kernel.Slot(kernel.RootSlot(Free)).Cap.IsNull);
        checks.That(kernel.Slot(kernel.RootSlot(Free + 1)).Cap.IsNull);
        checks.That(kernel.Slot(kernel.RootSlot(Free + 2)).Cap.IsNull);
        checks.That(kernel.Slot(kernel.RootSlot(Free + 3)).Cap.IsNull);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort RetypeReusesMemoryOnlyAfterRevoke()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        uint untyped = ScenarioKernel.LargestRamUntyped(kernel);
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Frame4K, 0, Free, 2));
        ulong firstAddr = kernel.Object(kernel.Slot(kernel.RootSlot(Free)).Cap.Object).PhysAddr;
        checks.Ok(kernel.CNodeDelete(root, Free, D));
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Frame4K, 0, Free, 1));
        checks.That(kernel.Object(kernel.Slot(kernel.RootSlot(Free)).Cap.Object).PhysAddr != firstAddr);
        checks.Ok(kernel.CNodeRevoke(root, untyped, D));
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Frame4K, 0, Free, 1));
        checks.That(kernel.Object(kernel.Slot(kernel.RootSlot(Free)).Cap.Object).PhysAddr == firstAddr);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort LookupThroughGuardedCNode()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.CNode, 4, Free, 1));
        // Second level: guard 0b101 (3 bits) + radix 4; with the root's 64 bits that is 6 + 3 + 4 = 13 bits.
        checks.Ok(kernel.CNodeMutate(root, Free + 1, D, root, Free, D, CapData.CNodeGuard(0b101, 3)));
        Capability wide = new Capability(CapType.CNode, CapRights.All, root.Object, 0, 0, 0);
        ulong cptr = ((ulong)(Free + 1) << 7) | (0b101UL << 4) | 9;
        SlotLookup hit = kernel.ResolveAddressBits(wide, cptr, 13);
        checks.That(hit.IsOk && hit.BitsRemaining == 0);
        SlotLookup miss = kernel.ResolveAddressBits(wide, cptr ^ (1UL << 5), 13);
        checks.That(miss.Fault.Kind == LookupFaultKind.GuardMismatch && miss.Fault.BitsLeft == 7);
        SlotLookup shallow = kernel.ResolveAddressBits(wide, cptr >> 2, 11);
        checks.That(shallow.Fault.Kind == LookupFaultKind.DepthMismatch);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort DeletingCNodeDestroysContents()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.CNode, 3, Free, 1));
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.Endpoint, 0, Free + 1, 1));
        Capability inner = kernel.Slot(kernel.RootSlot(Free)).Cap;
        ObjectRef endpoint = kernel.Slot(kernel.RootSlot(Free + 1)).Cap.Object;
        checks.Ok(kernel.CNodeMove(inner, 2, 3, root, Free + 1, D));
        checks.Ok(kernel.CNodeDelete(root, Free, D));
        checks.That(!kernel.Objects.IsLive(inner.Object));
        checks.That(!kernel.Objects.IsLive(endpoint));
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort IrqHandlerIssuedOnce()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        uint control = kernel.RootSlot(BootInfo.IrqControlSlot);
        checks.Ok(kernel.IrqControlGet(control, 33, root, Free, D));
        checks.Fails(kernel.IrqControlGet(control, 33, root, Free + 1, D), KernelError.RevokeFirst);
        checks.Fails(kernel.IrqControlGet(control, 64, root, Free + 1, D), KernelError.RangeError);
        checks.Fails(kernel.CNodeCopy(root, Free + 1, D, root, BootInfo.IrqControlSlot, D, CapRights.All), KernelError.IllegalOperation);
        checks.Ok(kernel.CNodeRevoke(root, BootInfo.IrqControlSlot, D));
        checks.That(!kernel.IrqHasHandler(33));
        checks.Ok(kernel.IrqControlGet(control, 33, root, Free + 1, D));
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }

    public static ushort ExhaustionIsAnError()
    {
        var checks = new ScenarioChecks();
        Kernel kernel = ScenarioKernel.Boot();
        Capability root = kernel.RootCNodeCap;
        checks.Ok(ScenarioKernel.Retype(kernel, ObjectType.CNode, 7, Free, 1));
        uint untyped = kernel.RootSlot(ScenarioKernel.LargestRamUntyped(kernel));
        uint freeEntries = kernel.Objects.FreeCount;
        checks.That(freeEntries < 128);
        KernelResult tooMany = kernel.UntypedRetype(untyped, ObjectType.Endpoint, 0, root, Free, D, 0, 128);
        checks.Fails(tooMany, KernelError.NotEnoughMemory);
        checks.That(tooMany.Reason == ErrorReason.ObjectTableFull);
        checks.That(kernel.Objects.FreeCount == freeEntries);
        checks.Invariants(kernel);
        checks.Ok(kernel.UntypedRetype(untyped, ObjectType.Endpoint, 0, root, Free, D, 0, (int)freeEntries));
        checks.That(kernel.Objects.FreeCount == 0);
        KernelResult irq = kernel.IrqControlGet(kernel.RootSlot(BootInfo.IrqControlSlot), 1, root, Free + 1, D);
        checks.That(irq.Error == KernelError.NotEnoughMemory && irq.Reason == ErrorReason.ObjectTableFull);
        checks.Invariants(kernel);
        return checks.FirstFailedCheck;
    }
}
