using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>Variant "user-test": no kernel-side scenarios; the tests run at EL0 (UserTestSystem, user_tests.S)
/// and report the sel4test protocol themselves.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 0;

    public string Name(int index) => "";

    public ushort Run(int index) => 1;
}
