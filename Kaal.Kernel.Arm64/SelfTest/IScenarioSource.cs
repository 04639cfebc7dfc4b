namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>
/// A numbered list of self-test scenarios. Implemented by structs and consumed through a struct-
/// constrained generic, so every call is static (no interface dispatch in the kernel).
/// </summary>
internal interface IScenarioSource
{
    int Count { get; }

    string Name(int index);

    bool Run(int index);
}
