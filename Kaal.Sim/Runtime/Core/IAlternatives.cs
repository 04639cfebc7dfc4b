using Kaal.Sim.Strategies;

namespace Kaal.Sim.Runtime;

/// <summary>What a part of the simulation that makes a choice other than the next thread (inject a fault, delay an
/// interrupt, promise a store) asks: one of <c>count</c> alternatives, recorded in the schedule's decisions so a
/// replay makes the same choice.</summary>
internal interface IAlternatives
{
    int ChooseAlternative(ChoiceKind kind, int count);
}
