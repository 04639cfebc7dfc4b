using Kaal.Model.Scenarios;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>A booted scenario kernel with short names for root-CNode slots (addressed with depth 64).</summary>
internal sealed class TestKernel
{
    public const int D = ScenarioKernel.Depth;
    public const uint Free = 40;

    public TestKernel()
    {
        K = ScenarioKernel.Boot();
    }

    public Kernel K { get; }

    public Capability Root => K.RootCNodeCap;

    public uint UntypedIndex => ScenarioKernel.LargestRamUntyped(K);

    public Capability Cap(uint rootIndex) => K.Slot(K.RootSlot(rootIndex)).Cap;

    public ref readonly CapSlot SlotAt(uint rootIndex) => ref K.Slot(K.RootSlot(rootIndex));

    public KernelResult Retype(ObjectType type, int sizeBits, uint firstSlot, int count = 1) =>
        ScenarioKernel.Retype(K, type, sizeBits, firstSlot, count);

    public void Ok(KernelResult result) => ResultAssert.Ok(K, result);

    public void Fails(KernelResult result, KernelError error, ErrorReason reason) => ResultAssert.Fails(K, result, error, reason);

    public void AssertInvariants() => ResultAssert.CapabilityInvariantsHold(K);

    /// <summary>Every slot of the root CNode, to show that a failed operation changed nothing.</summary>
    public Capability[] RootContents()
    {
        var contents = new Capability[K.BootInfo.RootCNodeSlotCount];
        for (uint index = 0; index < contents.Length; index++) contents[index] = Cap(index);
        return contents;
    }

    public void AssertUnchanged(Capability[] before)
    {
        Capability[] after = RootContents();
        for (int index = 0; index < before.Length; index++)
        {
            Assert.True(before[index].SameValueAs(after[index]), $"root slot {index} changed by a failed operation");
        }
    }
}
