using System;
using System.CommandLine;
using System.IO;
using Kaal.Cli.Rendering;
using Kaal.Hil.Differential;
using Kaal.Sim.Runtime;

namespace Kaal.Cli.Commands;

/// <summary>
/// `kaal diff`: the differential check by hand. Runs the system in the simulator (as `kaal run` does) and compares
/// its observable events with a console captured from QEMU or a board (docs/hil.md, "The differential check").
/// Exit 0 = equal, 1 = different, 2 = usage or I/O error (nothing was compared).
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest") { Description = "the system the console came from", DefaultValueFactory = _ => "components.toml" };
        // Checked by Run rather than marked Required: a parse error would exit 1, which here means "different".
        var console = new Option<string?>("--console") { Description = "the captured console log (QEMU's serial output; LF or CRLF); required" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the simulator's schedule (as kaal run --seed)", DefaultValueFactory = _ => 0 };
        var components = new ComponentOptions();
        var command = new Command("diff", "Compare a captured QEMU console with the simulator's run of the same manifest: each component's events in order, timing lines excluded");
        foreach (Option option in new Option[] { manifest, console, seed }) command.Options.Add(option);
        components.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(manifest)!, parse.GetValue(console), parse.GetValue(seed), () => components.Resolve(parse)));
        return command;
    }

    private static int Run(string manifestPath, string? consolePath, ulong seed, Func<ComponentSources> resolve)
    {
        if (consolePath is null)
        {
            Console.Error.WriteLine("error: --console FILE is required: the console log captured from QEMU or a board");
            return 2;
        }
        ObservableEventLog qemu;
        SystemRun simulated;
        try
        {
            qemu = ObservableEventLog.FromConsoleText(File.ReadAllText(consolePath));
            simulated = SystemSimulation.RunQuietly(manifestPath, seed, resolve().Components);
        }
        catch (Exception error) when (error is ArgumentException or IOException or UnauthorizedAccessException or SimulationException)
        {
            Console.Error.WriteLine($"error: {Reason(error, consolePath)}");
            return 2;
        }
        Console.WriteLine($"kaal diff: {manifestPath} in the simulator (seed {seed}: {simulated.End}) vs {consolePath}");
        DifferentialResult result = DifferentialCheck.Compare(ObservableEventLog.FromLines(simulated.ConsoleLines), qemu);
        DiffTables.Write(Terminal.Out, result, simulated.Failure);
        return result.Equal ? 0 : 1;
    }

    private static string Reason(Exception error, string consolePath) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"console log '{consolePath}' does not exist",
        IOException or UnauthorizedAccessException => $"console log '{consolePath}' cannot be read: {error.Message}",
        SimulationException => $"the system could not be set up: {error.Message}",
        _ => error.Message,
    };
}
