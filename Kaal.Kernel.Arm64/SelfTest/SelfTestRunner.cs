using Kaal.Kernel.Arm64.Boot;
using Kaal.Kernel.Arm64.Port;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Kernel.Arm64.SelfTest;

/// <summary>
/// Runs the kernel self-test and reports it with the sel4test protocol (DESIGN.md decision 6; the lines are
/// <see cref="Sel4TestWriter"/>'s): Starting test N: NAME / Test NAME passed|failed / Test suite passed. N tests
/// passed. M tests disabled. or *** FAILURES DETECTED *** (F of T tests failed)
/// Sources, in order: the port's own scenarios, the Model's catalog, then the build variant's.
/// </summary>
internal static class SelfTestRunner
{
    /// <summary>No scenario source can disable a scenario yet; the protocol still reports the count.</summary>
    private const ulong DisabledCount = 0;

    internal static ExitCode Run()
    {
        Tally tally = default;
        KernelConsoleSink console = default;
        if (VariantScenarios.IncludesStandardScenarios)
        {
            RunAll(default(PortScenarios), ref tally, ref console);
            RunAll(default(ModelScenarios), ref tally, ref console);
        }
        RunAll(default(VariantScenarios), ref tally, ref console);

        if (tally.Failed == 0)
        {
            Sel4TestWriter.SuitePassed(ref console, (ulong)tally.Passed, DisabledCount);
            KernelConsole.WriteLine();
            return ExitCode.Passed;
        }
        Sel4TestWriter.FailuresDetected(ref console, (ulong)tally.Failed, (ulong)(tally.Passed + tally.Failed));
        KernelConsole.WriteLine();
        return ExitCode.TestsFailed;
    }

    private static void RunAll<TSource>(TSource source, ref Tally tally, ref KernelConsoleSink console) where TSource : struct, IScenarioSource
    {
        int count = source.Count;
        for (int index = 0; index < count; index++)
        {
            string name = source.Name(index);
            Sel4TestWriter.Starting(ref console, (ulong)tally.Started, name);
            KernelConsole.WriteLine();
            tally.Started++;
            ushort firstFailedCheck = source.Run(index);
            if (firstFailedCheck != 0)
            {
                KernelConsole.Write("  first failed check: ");
                KernelConsole.WriteDecimal((ulong)firstFailedCheck);
                KernelConsole.WriteLine();
            }
            Sel4TestWriter.Result(ref console, name, firstFailedCheck == 0);
            KernelConsole.WriteLine();
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
