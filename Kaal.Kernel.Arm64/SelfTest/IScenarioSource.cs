namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>
/// A numbered list of self-test scenarios. Implemented by structs and consumed through a struct-
/// constrained generic, so every call is static (no interface dispatch in the kernel).
/// </summary>
internal interface IScenarioSource
{
    int Count { get; }

    string Name(int index);

    /// <summary>0 when the scenario passed, else the number of its first failed check (the catalog's convention).</summary>
    ushort Run(int index);
}
