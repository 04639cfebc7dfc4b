using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios.Litmus;

/// <summary>The outcomes exhaustive exploration of a litmus test produced under a memory model, with how many
/// schedules that took (discarded infeasible ones included) and whether the search finished.</summary>
public sealed record LitmusResult(LitmusTest Test, MemoryModel MemoryModel, IReadOnlyList<string> Outcomes, int Schedules, int InfeasibleSchedules, bool Exhausted)
{
    public IReadOnlyList<string> Expected => MemoryModel == MemoryModel.Arm ? Test.ArmAllowed : Test.ScAllowed;

    public bool Matches => Exhausted && Outcomes.SequenceEqual(Expected.Order(System.StringComparer.Ordinal));

    public bool ProducesInteresting => Outcomes.Contains(Test.Interesting);
}
