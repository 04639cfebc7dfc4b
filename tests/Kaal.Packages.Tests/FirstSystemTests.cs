using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>
/// README "Your first system", step by step, on the kaal-system template instantiated outside the repository with
/// only the feed (<see cref="TemplateSystem"/>): run, explore with the planted bug switched on (found, its trace
/// written, replayed to the same verdict), dotnet test of the template's test project, the image for qemu-virt, and
/// `kaal hil run --manifest` booting it with the differential check against the simulator passing.
/// </summary>
[Collection(LocalFeedCollection.Name)]
public sealed class FirstSystemTests(LocalFeed feed, ITestOutputHelper log)
{
    private static readonly TimeSpan ImageLimit = TimeSpan.FromMinutes(15);

    [Fact]
    public void Kaal_run_in_the_new_folder_boots_the_template_system()
    {
        TemplateSystem system = feed.TemplateSystem;
        log.WriteLine($"figures: tool install from the feed {feed.ToolInstallTime.TotalSeconds:F1} s; from an empty folder to kaal run's output {system.FromEmptyFolderToRunOutput.TotalSeconds:F1} s");
        CommandResult run = system.FirstRun;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"kaal: building {TemplateSystem.Name}.csproj (Release)", run.Output);
        Assert.Contains("[client_a] added 1 to the counter 5 times", run.Output);
        Assert.Contains("[client_b] added 1 to the counter 5 times", run.Output);
        Assert.Contains("shut down with exit code 0", run.Output);
    }

    [Fact]
    public void Explore_finds_the_planted_lost_update_writes_its_trace_and_replay_reproduces_its_verdict()
    {
        string folder = feed.TemplateSystem.CopyWithPlantedBug(feed);
        CommandResult explore = feed.RunKaal(folder, TemplateSystem.CommandLimit, "explore", "system:components.toml", "--strategy", "portfolio", "--iterations", "200");
        Assert.True(explore.ExitCode == 1, explore.ToString());
        Assert.Contains("lost update: a client read ", explore.Output);
        string trace = Path.Combine(folder, "kaal-trace.json");
        Assert.True(File.Exists(trace), explore.ToString());
        // The replay command as explore prints it (it names the project's built assembly, so nothing is rebuilt).
        string[] printed = explore.Output.Split('\n').Single(line => line.StartsWith("replay: kaal replay kaal-trace.json", StringComparison.Ordinal))
            ["replay: kaal ".Length..].TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CommandResult replay = feed.RunKaal(folder, TemplateSystem.CommandLimit, printed);
        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("lost update: a client read ", replay.Output);
        // The steps around the cause name the counter's messages as the template declares them ([KaalMessageLabel]).
        Assert.Contains("CounterService.", replay.Output);
        Assert.Equal(VerdictOf(explore), VerdictOf(replay));
    }

    [Fact]
    public void Dotnet_test_of_the_templates_test_project_explores_the_whole_system_and_passes()
    {
        CommandResult test = LocalFeed.Dotnet(feed.TemplateSystem.Folder, TemplateSystem.CommandLimit, "test", Path.Combine("tests", $"{TemplateSystem.Name}.Tests"), "-nologo");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!", test.Output);
        // The test host ran without tiered compilation (the template's switch reached the runtime's configuration of the
        // Debug build dotnet test made), so the exploration ran optimized engine code from its first schedule.
        string name = $"{TemplateSystem.Name}.Tests";
        string runtimeConfig = File.ReadAllText(Path.Combine(feed.TemplateSystem.Folder, "tests", name, "bin", "Debug", "net10.0", $"{name}.runtimeconfig.json"));
        Assert.Contains("\"System.Runtime.TieredCompilation\": false", runtimeConfig);
    }

    /// <summary>The image for the template's manifest, built by the installed tool from its kit with every intermediate
    /// in the image folder (the kit stays as installed, so two builds at once share nothing), dispatching only the
    /// manifest's binaries; then booted by `kaal hil run --manifest` (which rebuilds it incrementally) and compared
    /// line by line with the simulator's run.</summary>
    [ImageToolsFact]
    public void Kaal_build_makes_the_qemu_virt_image_and_hil_run_boots_it_equal_to_the_simulator()
    {
        string folder = feed.TemplateSystem.Folder;
        CommandResult build = feed.RunKaal(folder, ImageLimit, "build", "--target", "qemu-virt");
        Assert.True(build.ExitCode == 0, build.ToString());
        string images = Path.Combine(folder, "artifacts", "system", "default");
        Assert.True(File.Exists(Path.Combine(images, "kaal.elf")), build.ToString());
        Assert.Empty(KitBuildOutputs());
        string table = File.ReadAllText(Path.Combine(folder, "obj", "kaal-image", "artifacts-system-default", "Kaal.User.Arm64", "obj", "generated", "ComponentTable.g.cs"));
        foreach (string binary in new[] { "system_init", "serial_driver", "counter", "counter_client" }) Assert.Contains($"binary == \"{binary}\"", table);
        Assert.DoesNotContain("ipc_producer", table);

        CommandResult hil = feed.RunKaal(folder, ImageLimit, "hil", "run", "--manifest", "components.toml", "--timeout", "300");
        log.WriteLine(hil.Output);
        Assert.True(hil.ExitCode == 0, hil.ToString());
        Assert.Contains("kaal hil: suite 'default' on qemu-virt: PASSED", hil.Output);
        Assert.Contains("powered off with exit code 0", hil.Output);
        Assert.Contains("differential check: equal: ", hil.Output);
    }

    private static string VerdictOf(CommandResult result) =>
        result.Output.Split('\n').Single(line => line.StartsWith("verdict: ", StringComparison.Ordinal)).TrimEnd();

    /// <summary>bin/ or obj/ folders inside the installed tool's build kit.</summary>
    private string[] KitBuildOutputs()
    {
        string kit = Path.Combine(Path.GetDirectoryName(Directory.GetFiles(feed.ToolFolder, "kaal.dll", SearchOption.AllDirectories).Single())!, "kit");
        return Directory.GetDirectories(kit, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) is "obj" or "bin" || path.Contains($"{Path.DirectorySeparatorChar}artifacts", StringComparison.Ordinal))
            .ToArray();
    }
}
