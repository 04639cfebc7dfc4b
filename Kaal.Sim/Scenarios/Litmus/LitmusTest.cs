using System.Collections.Generic;
using System.Linq;

namespace Kaal.Sim.Scenarios.Litmus;

/// <summary>
/// A litmus test: threads (each on its own core), every location initially 0, and the final register values
/// as its outcome, written "r0=1 r1=0". <see cref="ArmAllowed"/> and <see cref="ScAllowed"/> are every
/// outcome the ARMv8 architecture (its axiomatic model, as the herd7 tool computes it) and sequential
/// consistency allow; <see cref="Interesting"/> is the outcome the test is named for.
/// </summary>
public sealed record LitmusTest(string Name, string Description, IReadOnlyList<IReadOnlyList<LitmusInstruction>> Threads,
    string Interesting, IReadOnlyList<string> ArmAllowed, IReadOnlyList<string> ScAllowed)
{
    /// <summary>The registers the threads load, ascending.</summary>
    public IReadOnlyList<int> Registers => Threads.SelectMany(thread => thread).Where(i => i.Op == LitmusOp.Load).Select(i => i.Register).Distinct().Order().ToArray();

    public static string LocationName(int location) => location switch { 0 => "x", 1 => "y", 2 => "z", _ => $"m{location}" };

    /// <summary>"r0=1 r1=0" for register values indexed by register number.</summary>
    public string Outcome(IReadOnlyList<ulong> registerValues) => string.Join(" ", Registers.Select(r => $"r{r}={registerValues[r]}"));

    /// <summary>The threads as "T0: st x = 1; st y = 1 | T1: ...".</summary>
    public string Program => string.Join(" | ", Threads.Select((thread, index) => $"T{index}: " + string.Join("; ", thread)));
}
