using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "user-csharp" (spike, issue 6): no kernel-side scenarios; the root task is a C# component
/// compiled by ILC (Kaal.User.Arm64), which prints and calls SHUTDOWN itself.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 0;

    public string Name(int index) => "";

    public ushort Run(int index) => 1;
}
