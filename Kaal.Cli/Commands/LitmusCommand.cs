using System;
using System.CommandLine;
using System.Linq;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios.Litmus;

namespace Kaal.Cli.Commands;

/// <summary>`kaal litmus`: explores every litmus test exhaustively under ARMv8 and SC and prints the table of
/// allowed and produced outcomes. Exit 0 when every row matches the architecture, 1 otherwise.</summary>
internal static class LitmusCommand
{
    public static Command Create()
    {
        var command = new Command("litmus", "Litmus tests (MP, SB, LB and their fenced versions...): outcomes ARMv8 allows vs. what the simulator produces");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        Console.WriteLine("| test | weak outcome | ARMv8 allows it | simulator (arm) produces it | SC: simulator produces it | arm outcomes = ARMv8's | sc outcomes = SC's | schedules (arm, of them infeasible) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        bool allMatch = true;
        foreach (LitmusTest test in LitmusCatalog.All)
        {
            LitmusResult arm = LitmusRunner.Explore(test, MemoryModel.Arm);
            LitmusResult sc = LitmusRunner.Explore(test, MemoryModel.Sc);
            allMatch &= arm.Matches && sc.Matches;
            Console.WriteLine($"| {test.Name} | {test.Interesting} | {YesNo(test.ArmAllowed.Contains(test.Interesting))} | {YesNo(arm.ProducesInteresting)} | " +
                $"{YesNo(sc.ProducesInteresting)} | {YesNo(arm.Matches)} | {YesNo(sc.Matches)} | {arm.Schedules} ({arm.InfeasibleSchedules}) |");
            if (!arm.Matches) Console.WriteLine($"  {test.Name} under arm produced {{{string.Join(", ", arm.Outcomes)}}}, ARMv8 allows {{{string.Join(", ", test.ArmAllowed)}}}");
            if (!sc.Matches) Console.WriteLine($"  {test.Name} under sc produced {{{string.Join(", ", sc.Outcomes)}}}, SC allows {{{string.Join(", ", test.ScAllowed)}}}");
        }
        Console.WriteLine(allMatch ? "every test matches" : "MISMATCH");
        return allMatch ? 0 : 1;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
