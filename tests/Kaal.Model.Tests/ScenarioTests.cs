using Kaal.Model.Scenarios;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>The same scenarios the AArch64 self-test image runs on the CPU, run here on the host.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (int index = 0; index < SelfTestCatalog.Count; index++) data.Add(index);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Scenario_passes(int index)
    {
        ushort failedCheck = SelfTestCatalog.Run(index);
        Assert.True(failedCheck == 0, $"{SelfTestCatalog.Name(index)}: check {failedCheck} failed");
    }
}
