using Kaal.Model.Scenarios;

namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>The Model's kernel-level scenarios (tests/Kaal.Model.Scenarios, compiled in as they are),
/// run on the real CPU.</summary>
internal readonly struct ModelScenarios : IScenarioSource
{
    public int Count => SelfTestCatalog.Count;

    public string Name(int index) => SelfTestCatalog.Name(index);

    public ushort Run(int index) => SelfTestCatalog.Run(index);
}
