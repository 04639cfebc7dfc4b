using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "selftest": the standard scenarios only.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal const bool IncludesStandardScenarios = true;

    public int Count => 0;

    public string Name(int index) => "";

    public bool Run(int index) => false;
}
