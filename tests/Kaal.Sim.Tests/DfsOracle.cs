using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Tests;

/// <summary>
/// The brute-force oracle for DFS claims: every complete decision sequence of a small scenario, found without any of
/// DfsStrategy's code. Run a prefix, let the run go on with the running thread (alternative 0), then for every
/// decision past the prefix branch on each other option: each complete sequence is run exactly once. For each it
/// keeps the decisions, which were choices (two options or more), which were preemptions, and the outcome.
/// </summary>
internal static class DfsOracle
{
    public sealed record Schedule(IReadOnlyList<uint> Decisions, bool[] IsChoice, bool[] IsThreadDecision, bool[] Preempted, string Outcome, bool IsBug)
    {
        public int Preemptions => Preempted.Count(p => p);

        /// <summary>Whether the DFS bounds leave this schedule fully inside: no choice at or past depth d, at most k
        /// preemptions, no thread choice at or past step n.</summary>
        public bool Within(int? preemptionBound, int maxDepth, int? fairAfterSteps) =>
            Preemptions <= (preemptionBound ?? int.MaxValue) && LastChoice() < maxDepth && LastThreadChoiceStep() < (fairAfterSteps ?? int.MaxValue);

        private int LastChoice() => Array.LastIndexOf(IsChoice, true);

        private int LastThreadChoiceStep()
        {
            int step = -1, last = -1;
            for (int index = 0; index < Decisions.Count; index++)
            {
                if (!IsThreadDecision[index]) continue;
                step++;
                if (IsChoice[index]) last = step;
            }
            return last;
        }
    }

    public static List<Schedule> Enumerate(SimScenario scenario, int limit = 50_000)
    {
        var simulation = new Simulation(scenario, new SimOptions(CheckInvariants: false));
        var found = new List<Schedule>();
        var pending = new Stack<int[]>();
        pending.Push(Array.Empty<int>());
        while (pending.Count > 0)
        {
            int[] prefix = pending.Pop();
            var follower = new PrefixFollower(prefix);
            RunResult result = simulation.Run(follower);
            found.Add(new Schedule(result.Decisions, follower.Counts.Select(c => c > 1).ToArray(), follower.IsThread.ToArray(), follower.Preempted.ToArray(),
                $"{result.Outcome}: {result.Message}", result.IsBug));
            if (found.Count > limit) throw new InvalidOperationException($"more than {limit} schedules: too big for the oracle");
            for (int position = prefix.Length; position < follower.Taken.Count; position++)
            {
                for (int option = 0; option < follower.Counts[position]; option++)
                {
                    if (option == follower.Taken[position]) continue;
                    pending.Push([.. follower.Taken.Take(position), option]);
                }
            }
        }
        return found;
    }

    private sealed class PrefixFollower(int[] prefix) : IStrategy, IPreemptionAware
    {
        private bool[] _preempts = Array.Empty<bool>();

        public List<int> Taken { get; } = new();
        public List<int> Counts { get; } = new();
        public List<bool> IsThread { get; } = new();
        public List<bool> Preempted { get; } = new();

        public string Name => "oracle";

        public bool BeginSchedule(int iteration, ulong seed) => true;

        public void ObservePreemptions(ReadOnlySpan<bool> preempts) => _preempts = preempts.ToArray();

        public int Choose(ReadOnlySpan<uint> enabled, int running, int step)
        {
            int choice = Next(enabled.Length, running >= 0 ? running : 0, thread: true);
            Preempted[^1] = _preempts[choice];
            return choice;
        }

        public int ChooseAlternative(ChoiceKind kind, int count, int step) => Next(count, 0, thread: false);

        private int Next(int count, int onward, bool thread)
        {
            int choice = Taken.Count < prefix.Length ? prefix[Taken.Count] : onward;
            Taken.Add(choice);
            Counts.Add(count);
            IsThread.Add(thread);
            Preempted.Add(false);
            return choice;
        }
    }
}
