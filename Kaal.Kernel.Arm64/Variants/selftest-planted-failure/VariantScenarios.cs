using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "selftest-planted-failure": the standard scenarios plus one that always fails, to
/// prove that the harness reports a failure (summary, exit code) instead of passing everything.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => true;

    public int Count => 1;

    public string Name(int index) => "PLANTED_FAILURE";

    public ushort Run(int index) => 1;
}
