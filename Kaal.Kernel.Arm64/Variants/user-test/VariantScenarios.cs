using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64;

/// <summary>The user-space variants have no kernel-side scenarios: in "user-test" the tests run at EL0 (UserTestSystem,
/// user_tests.S) and report the sel4test protocol themselves; in "default-system" (which compiles this file too) the
/// root task loaded from the user ELF runs the system (DefaultSystem.cs) and ends it with SHUTDOWN.</summary>
internal readonly struct VariantScenarios : IScenarioSource
{
    internal static bool IncludesStandardScenarios => false;

    public int Count => 0;

    public string Name(int index) => "";

    public ushort Run(int index) => 1;
}
