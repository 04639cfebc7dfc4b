using Kaal.Model;

namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>
/// Kaal.Model scenarios run on the real CPU. Interim set, until tests/Kaal.Model.Scenarios'
/// SelfTestCatalog exists: boots a Model kernel over a small memory map and checks what boot built.
/// </summary>
internal readonly struct ModelScenarios : IScenarioSource
{
    public int Count => 1;

    public string Name(int index) => "MODEL_BOOT_UNTYPED";

    public bool Run(int index)
    {
        KernelConfig config = KernelConfig.Default();
        config.ObjectCapacity = 256;
        config.SlotPoolOrder = 10;
        config.RootCNodeRadix = 8;
        var kernel = new Kaal.Model.Kernel(config);
        var regions = new BootRegion[2];
        regions[0] = new BootRegion(0x4000_0000, 0x0800_0000, false);
        regions[1] = new BootRegion(0x0900_0000, 0x1000, true);
        KernelResult result = kernel.Boot(regions, 2);
        return result.IsOk && kernel.BootInfo.UntypedCount > 0 && !kernel.RootCNodeCap.IsNull;
    }
}
