using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "selftest": the standard scenarios only.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => true;

    public int Count => 0;

    public string Name(int index) => "";

    public ushort Run(int index) => 1;
}
