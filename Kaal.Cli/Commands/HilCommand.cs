using System;
using System.CommandLine;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Cli.Rendering;
using Kaal.Hil;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;

namespace Kaal.Cli.Commands;

/// <summary>`kaal hil run`: runs a HIL suite (--suite, or the system of --manifest, built first if no --image is given)
/// on a target, prints a summary, optionally writes JUnit XML. Exit 0 = passed, 1 = not passed (failed, panic, hang,
/// crash, error, a difference from the simulator), 2 = nothing was run (a usage error, a missing image or manifest, an
/// image that did not build).</summary>
internal static class HilCommand
{
    public static Command Create()
    {
        var targetOptions = new TargetOptions();
        var suite = new Option<string>("--suite") { Description = $"the suite: kernel, or a system of the repository (default = components.toml, NAME = manifests/NAME.toml)", DefaultValueFactory = _ => "kernel" };
        var junit = new Option<string?>("--junit") { Description = "write a JUnit XML report to this file" }.OutputFile();
        var timeout = new Option<double>("--timeout")
        {
            Description = "suite timeout in seconds (boot to exit)",
            DefaultValueFactory = _ => SuiteRunOptions.DefaultSuiteTimeout.TotalSeconds,
        }.Positive();
        var testTimeout = new Option<double>("--test-timeout")
        {
            Description = "seconds without protocol progress (one test, the boot, the gap between tests) before it counts as a hang",
            DefaultValueFactory = _ => SuiteRunOptions.DefaultTestTimeout.TotalSeconds,
        }.Positive();
        var manifest = new Option<string?>("--manifest")
        {
            Description = "boot the system this manifest describes (any folder: your project's components.toml): its image is built as kaal build does " +
                "(or --image, built from it), checked by the suite derived from the manifest and compared with the simulator's run",
        };
        var image = new Option<string?>("--image") { Description = "boot this image instead of the suite's (kaal.elf for virt, kernel8.img for raspi3b and boards, kernel8-rpi4.img for raspi4b)" };
        var components = new ComponentOptions();
        var format = OutputFormat.Create();
        var run = new Command("run", "Run a HIL suite on QEMU or a board: boot, follow the sel4test protocol, report (hangs with registers, panics, crashes)");
        targetOptions.AddTo(run);
        components.AddTo(run);
        foreach (Option option in new Option[] { suite, manifest, junit, timeout, testTimeout, image, format })
        {
            run.Options.Add(option);
        }
        run.SetAction((parse, cancellationToken) =>
        {
            string? manifestPath = parse.GetValue(manifest);
            string? imageOverride = parse.GetValue(image);
            Func<ComponentSources> resolve = () => components.Resolve(parse);
            bool suiteGiven = parse.GetResult(suite) is { Implicit: false };
            Func<HilTarget, HilSystem> choose = manifestPath is null
                ? target => HilSystem.OfSuite(parse.GetValue(suite)!, target, targetOptions.CoresGiven(parse), imageOverride, resolve)
                : suiteGiven
                    ? _ => throw new ArgumentException("--manifest and --suite both name the system to boot: give one")
                    : target => HilSystem.OfManifest(manifestPath, target, targetOptions.CoresGiven(parse), imageOverride, resolve, Console.Out);
            return OutputFormat.RunAsync(parse.GetValue(format)!, json =>
                RunAsync(targetOptions, parse, choose, parse.GetValue(junit), parse.GetValue(timeout), parse.GetValue(testTimeout), json, cancellationToken));
        });
        var hil = new Command("hil", "Hardware-in-the-loop suites on QEMU (virt, raspi3b, raspi4b) and real boards (docs/hil.md)");
        hil.Subcommands.Add(run);
        return hil;
    }

    private static async Task<int> RunAsync(TargetOptions targetOptions, ParseResult parse, Func<HilTarget, HilSystem> choose, string? junitPath,
        double timeoutSeconds, double testTimeoutSeconds, JsonDocumentSink? json, CancellationToken cancellationToken)
    {
        HilTarget target;
        HilSystem system;
        try
        {
            system = choose(targetOptions.Parse(parse));
            target = system.Target;
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        (_, HilSuite suite, string image, string? manifest, ComponentSources? sources) = system;
        if (target is SerialBoardTarget { Reset: null })
        {
            Console.WriteLine($"kaal hil: listening on {target.Name}: reset or power on the board now (no --reset-command given)");
        }
        (SystemRun? Run, string? Error) simulation = manifest is null ? (null, null) : DifferentialStep.Simulate(manifest, sources!.Components);
        // A system suite's power-off code is the one the simulator's run of the same manifest ends with.
        if (simulation.Run is { Simulation.ShutDown: true } simulated) suite = suite with { ExpectedExitCode = (int)simulated.Simulation.ExitCode };
        var options = new SuiteRunOptions { SuiteTimeout = TimeSpan.FromSeconds(timeoutSeconds), TestTimeout = TimeSpan.FromSeconds(testTimeoutSeconds) };
        var wallClock = Stopwatch.StartNew();
        SuiteResult result = await LiveProgress.RunAsync(Terminal.Out, $"hil run {suite.Name} on {target.Name}", 0,
            line => SuiteRunner.RunAsync(suite, image, target, options with { OnLine = new HilRunStatus(line).OnLine }, cancellationToken));
        TimeSpan booted = wallClock.Elapsed;
        if (manifest != null && result.Outcome is not (SuiteOutcome.Error or SuiteOutcome.Interrupted))
        {
            result = DifferentialStep.Apply(result, simulation);
        }
        SuiteConsoleReport.Write(result, Console.Out);
        string simulator = manifest != null ? $", simulator and differential check {(wallClock.Elapsed - booted).TotalSeconds:F1} s" : "";
        Console.WriteLine($"  wall time: {wallClock.Elapsed.TotalSeconds:F1} s (boot to end {booted.TotalSeconds:F1} s{simulator})");
        if (junitPath != null)
        {
            JUnitReport.Write(result, junitPath);
            Console.WriteLine($"  junit: {junitPath}");
        }
        if (json is not null) json.Document = HilJson.Of(result, junitPath, wallClock.Elapsed);
        return result.Passed ? 0 : 1;
    }
}
