using Kaal.Kernel.Arm64.Boot;
using Kaal.Kernel.Arm64.Port;

namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>
/// Runs the kernel self-test and reports it with the sel4test protocol (DESIGN.md decision 6):
///   Starting test N: NAME / Test NAME passed|failed / Test suite passed. N tests passed. M tests disabled.
///   or *** FAILURES DETECTED ***
/// Sources, in order: the port's own scenarios, the Model's catalog, then the build variant's.
/// </summary>
internal static class SelfTestRunner
{
    /// <summary>No scenario source can disable a scenario yet; the protocol still reports the count.</summary>
    private const int DisabledCount = 0;

    internal static ExitCode Run()
    {
        Tally tally = default;
        if (VariantScenarios.IncludesStandardScenarios)
        {
            RunAll(default(PortScenarios), ref tally);
            RunAll(default(ModelScenarios), ref tally);
        }
        RunAll(default(VariantScenarios), ref tally);

        if (tally.Failed == 0)
        {
            KernelConsole.Write("Test suite passed. ");
            KernelConsole.WriteDecimal(tally.Passed);
            KernelConsole.Write(" tests passed. ");
            KernelConsole.WriteDecimal(DisabledCount);
            KernelConsole.WriteLine(" tests disabled.");
            return ExitCode.Passed;
        }
        KernelConsole.Write("*** FAILURES DETECTED *** (");
        KernelConsole.WriteDecimal(tally.Failed);
        KernelConsole.Write(" of ");
        KernelConsole.WriteDecimal(tally.Passed + tally.Failed);
        KernelConsole.WriteLine(" tests failed)");
        return ExitCode.TestsFailed;
    }

    private static void RunAll<TSource>(TSource source, ref Tally tally) where TSource : struct, IScenarioSource
    {
        int count = source.Count;
        for (int index = 0; index < count; index++)
        {
            string name = source.Name(index);
            KernelConsole.Write("Starting test ");
            KernelConsole.WriteDecimal(tally.Started);
            KernelConsole.Write(": ");
            KernelConsole.WriteLine(name);
            tally.Started++;
            ushort firstFailedCheck = source.Run(index);
            if (firstFailedCheck != 0)
            {
                KernelConsole.Write("  first failed check: ");
                KernelConsole.WriteDecimal((ulong)firstFailedCheck);
                KernelConsole.WriteLine();
            }
            KernelConsole.Write("Test ");
            KernelConsole.Write(name);
            KernelConsole.WriteLine(firstFailedCheck == 0 ? " passed" : " failed");
            if (firstFailedCheck == 0)
            {
                tally.Passed++;
            }
            else
            {
                tally.Failed++;
            }
        }
    }

    private struct Tally
    {
        internal int Started;
        internal int Passed;
        internal int Failed;
    }
}
