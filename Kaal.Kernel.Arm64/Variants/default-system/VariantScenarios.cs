using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "default-system": no kernel-side scenarios; the root task loaded from the user ELF runs the
/// system (DefaultSystem.cs) and ends it with SHUTDOWN.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 0;

    public string Name(int index) => "";

    public ushort Run(int index) => 1;
}
