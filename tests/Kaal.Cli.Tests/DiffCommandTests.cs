using System;
using System.IO;
using System.Linq;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>
/// `kaal diff` on the repository's systems. The "QEMU" console is the simulator's own output (that it is the same
/// code is the point), dressed as QEMU's would be (kernel boot lines, CRLF, a timing line), and edited copies of it
/// for the failing cases. Exit 0 equal, 1 different, 2 usage or I/O error.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DiffCommandTests
{
    public static TheoryData<string> Manifests => new() { "components.toml", "manifests/test-components.toml" };

    private static string ManifestPath(string manifest) => Path.Combine(RepositoryPaths.Root, manifest);

    private static string[] SimulatorConsole(string manifest, ulong seed = 0) =>
        Cli.Run("run", "--manifest", ManifestPath(manifest), "--seed", seed.ToString()).Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Writes the lines as a QEMU console file (CRLF, as a serial console has them) and runs kaal diff on it.</summary>
    private static (int ExitCode, string Output, string Error) Diff(string manifest, string[] console, ulong seed = 0)
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-diff-{Guid.NewGuid():N}.log");
        try
        {
            File.WriteAllText(file, string.Concat(console.Select(line => line + "\r\n")));
            return Cli.Run("diff", "--manifest", ManifestPath(manifest), "--console", file, "--seed", seed.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void The_simulators_own_output_with_boot_noise_and_timing_lines_is_equal(string manifest)
    {
        string[] console = ["KaaL kernel (arm64) on qemu-virt", "Kaal.Model kernel booted: 3 regions", .. SimulatorConsole(manifest),
            "[system_init] kaal-figures: counter_hz=62500000 end_counter=123456", "kaal-figures: ticks=17"];
        (int code, string output, string error) = Diff(manifest, console);
        Assert.True(code == 0, output + error);
        Assert.Contains("differential check: equal: ", output);
        // The simulator's own timing lines (a fault's code address) are ignored on both sides; the added one only in qemu's.
        System.Text.RegularExpressions.Match ignored = System.Text.RegularExpressions.Regex.Match(output, @"timing lines ignored: (\d+) in the simulator, (\d+) in qemu");
        Assert.True(ignored.Success, output);
        Assert.Equal(int.Parse(ignored.Groups[1].Value) + 1, int.Parse(ignored.Groups[2].Value));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Another_schedule_interleaves_the_components_differently_and_is_still_equal(string manifest)
    {
        // Seeds 0 and 2 order system_init's own lines differently for the test components (an exit and a spawn swap).
        (int code, string output, string error) = Diff(manifest, SimulatorConsole(manifest, seed: 2), seed: 0);
        Assert.True(code == 0, output + error);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_line_moved_within_one_component_fails_naming_it_with_both_sides_from_the_first_difference(string manifest)
    {
        string[] console = SimulatorConsole(manifest);
        // The first line a component prints itself, moved before system_init's "started" line about it.
        int own = Array.FindIndex(console, line => line.StartsWith('[') && !line.StartsWith("[system_init]"));
        string component = console[own][1..console[own].IndexOf(']')];
        int started = Array.IndexOf(console, $"[system_init] started {component}");
        string[] edited = [.. console[..started], console[own], .. console[started..own], .. console[(own + 1)..]];
        (int code, string output, _) = Diff(manifest, edited);
        Assert.Equal(1, code);
        Assert.Contains($"differential check: DIFFERENT: 1 component differs: '{component}' (2 rows); the first, '{component}', parts at its event 2", output);
        Assert.Contains("| qemu", output);
        Assert.Contains(output.Split('\n'), line => line.StartsWith($"  >    2       [system_init] started {component}"));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void One_missing_line_is_one_row(string manifest)
    {
        string[] console = SimulatorConsole(manifest);
        int dropped = Array.FindIndex(console, line => line.StartsWith('[') && !line.StartsWith("[system_init]"));
        string component = console[dropped][1..console[dropped].IndexOf(']')];
        (int code, string output, _) = Diff(manifest, [.. console[..dropped], .. console[(dropped + 1)..]]);
        Assert.Equal(1, code);
        Assert.Contains($"DIFFERENT: 1 component differs: '{component}' (1 row)", output);
        Assert.Single(output.Split('\n'), line => line.StartsWith("  >"));
    }

    [Fact]
    public void A_simulator_run_that_ended_in_a_bug_is_said_before_the_comparison()
    {
        // The planted deadlock: the simulator's own run of the manifest is a bug, so equal or not, the report says so.
        string manifest = "manifests/planted/deadlock.toml";
        (int code, string output, _) = Diff(manifest, SimulatorConsole(manifest));
        Assert.Equal(0, code);
        Assert.Contains("NOTE: the simulator's own run failed (deadlock at step ", output);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_console_that_stops_halfway_says_where_it_ends(string manifest)
    {
        string[] console = SimulatorConsole(manifest);
        (int code, string output, _) = Diff(manifest, console[..(console.Length / 2)]);
        Assert.Equal(1, code);
        Assert.Contains("the qemu log ends after ", output);
        Assert.Contains("(nothing)", output);
        (int empty, string emptyOutput, _) = Diff(manifest, ["KaaL kernel (arm64) on qemu-virt"]);
        Assert.Equal(1, empty);
        Assert.Contains("the qemu log ends after 0 events; simulator has ", emptyOutput);
    }

    [Fact]
    public void Usage_and_IO_errors_exit_2_with_the_reason()
    {
        (int noConsole, _, string noConsoleError) = Cli.Run("diff", "--manifest", ManifestPath("components.toml"));
        Assert.Equal(2, noConsole);
        Assert.Contains("--console FILE is required", noConsoleError);
        (int missing, _, string missingError) = Cli.Run("diff", "--manifest", ManifestPath("components.toml"), "--console", "/no/such/console.log");
        Assert.Equal(2, missing);
        Assert.Contains("console log '/no/such/console.log' does not exist", missingError);
        (int noManifest, _, string noManifestError) = Diff("no-such-manifest.toml", ["[system_init] phase drivers"]);
        Assert.Equal(2, noManifest);
        Assert.Contains("no-such-manifest.toml' does not exist", noManifestError);
    }
}
