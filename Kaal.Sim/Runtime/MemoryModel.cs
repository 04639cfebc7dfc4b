using System;

namespace Kaal.Sim.Runtime;

/// <summary>How shared-memory accesses of components on different cores are explored.</summary>
public enum MemoryModel : byte
{
    /// <summary>Sequential consistency: every load reads the newest store (accesses interleave, nothing more).</summary>
    Sc = 0,
    /// <summary>ARMv8 (docs/weak-memory.md): loads may read older stores and stores may become visible early,
    /// within what the architecture allows; each such choice is a recorded decision. With one core it is the same
    /// as <see cref="Sc"/> (a core observes its own accesses in order).</summary>
    Arm = 1,
}

/// <summary>The names used on the command line and in traces: "sc" and "arm".</summary>
public static class MemoryModels
{
    public static string Name(MemoryModel model) => model == MemoryModel.Arm ? "arm" : "sc";

    public static MemoryModel Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sc" => MemoryModel.Sc,
        "arm" => MemoryModel.Arm,
        _ => throw new ArgumentException($"memory model '{text}' is not one of: sc, arm"),
    };
}
