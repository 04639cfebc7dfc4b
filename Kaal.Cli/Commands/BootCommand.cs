using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Interactive;
using Kaal.Hil.Qemu;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;

namespace Kaal.Cli.Commands;

/// <summary>`kaal boot`: an interactive console on a target (Ctrl-A X quits, as in QEMU). Exit code: 0 after
/// Ctrl-A X, QEMU's (the kernel's) exit code when it exits, 1 when the console closes, 2 for a usage error.</summary>
internal static class BootCommand
{
    public static Command Create()
    {
        var targetOptions = new TargetOptions();
        var image = new Option<string?>("--image") { Description = "the image to boot (default: the kernel suite's, artifacts/kernel/selftest/)" };
        var boot = new Command("boot", "Boot an image and attach this terminal to its console (Ctrl-A X quits, Ctrl-A H helps)");
        targetOptions.AddTo(boot);
        boot.Options.Add(image);
        boot.SetAction((parse, cancellationToken) => RunAsync(targetOptions, parse, parse.GetValue(image), cancellationToken));
        return boot;
    }

    private static async Task<int> RunAsync(TargetOptions targetOptions, ParseResult parse, string? imageOverride, CancellationToken cancellationToken)
    {
        HilTarget target;
        string image;
        try
        {
            target = targetOptions.Parse(parse);
            image = SuiteImages.Resolve(HilSuiteCatalog.Kernel, target, imageOverride);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        Console.Error.WriteLine($"kaal boot: {target.Name}, {image}; Ctrl-A X quits{(target is SerialBoardTarget { Reset: null } ? "; reset or power on the board now" : "")}");
        TargetConnection connection;
        try
        {
            connection = await TargetConnection.OpenAsync(target, image, cancellationToken);
        }
        catch (Exception error) when (error is QemuStartException or IOException or BoardResetException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        ConsoleExit exit;
        await using (connection)
        using (new TerminalRawMode())
        {
            await connection.StartGuestAsync(cancellationToken); // the console buffers from the first byte
            exit = await InteractiveConsole.RunAsync(connection, Console.OpenStandardInput(), Console.OpenStandardOutput(), cancellationToken);
        }
        Console.Error.WriteLine(exit.Reason switch
        {
            ConsoleExitReason.Quit => "kaal boot: quit (Ctrl-A X)",
            ConsoleExitReason.TargetExited => $"kaal boot: QEMU exited with code {exit.ExitCode}",
            _ => "kaal boot: the console closed",
        });
        return exit.Reason switch
        {
            ConsoleExitReason.Quit => 0,
            ConsoleExitReason.TargetExited => exit.ExitCode ?? 1,
            _ => 1,
        };
    }
}
