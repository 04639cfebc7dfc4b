using System.Collections.Generic;
using System.Linq;
using Kaal.Components.Tests;
using Kaal.Sdk.Manifest;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>The fs service (docs/hot-reload.md, "fs API") as components use it: fs_probe reads the read-only image, writes
/// the writable area as a writer, and is refused what its end or the path does not allow.</summary>
public sealed class FileSystemTests
{
    public const string Manifest = """
        [system]
        platform = "qemu-virt"

        [[component]]
        name = "system_init"
        binary = "system_init"
        type = "service"
        priority = 250
        spawned_by = "root"
        capabilities = ["process:create", "process:destroy", "memory:allocate:16M", "system:shutdown"]

        [[component]]
        name = "serial_driver"
        binary = "serial_driver"
        type = "driver"
        priority = 200
        capabilities = ["memory_map:0x0900_0000:0x1000", "interrupt:33", "ipc:console:server", "memory:allocate:64K"]

        [[component]]
        name = "fs"
        binary = "fs"
        type = "service"
        priority = 150
        capabilities = ["ipc:fs:server", "ipc:console:client", "memory:allocate:64K"]
        dependencies = ["serial_driver"]

        [[component]]
        name = "probe_w"
        binary = "fs_probe"
        type = "application"
        priority = 100
        capabilities = ["ipc:fs:writer", "ipc:console:client", "memory:allocate:64K"]
        dependencies = ["fs"]

        [[component]]
        name = "probe_r"
        binary = "fs_probe"
        type = "application"
        priority = 100
        capabilities = ["ipc:fs:client", "ipc:console:client", "memory:allocate:64K"]
        dependencies = ["fs"]
        """;

    public static byte[] StoredBytes { get; } = Enumerable.Range(0, 300).Select(index => (byte)(index * 13 + 5)).ToArray();

    private static List<string> Run()
    {
        SystemScenario scenario = SystemRun.Scenario(Manifest, "fs.toml").WithImages([new StoredImage(FileSystemProbe.StoredPath, StoredBytes)]);
        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);
        Assert.True(result.Outcome == RunOutcome.Passed, SystemRun.Describe(result, lines));
        return lines;
    }

    [Fact]
    public void A_writer_reads_the_read_only_image_writes_a_file_and_reads_it_back()
    {
        List<string> probe = SystemRun.LinesOf(Run(), "probe_w");
        Assert.Equal(
        [
            $"read {FileSystemProbe.StoredPath}: 300 bytes, sum {FileSystemProbe.Sum(StoredBytes)}",
            "stat /images/missing: no such file",
            $"write {FileSystemProbe.WrittenPath}: ok, again ok, {FileSystemProbe.WrittenBytes} bytes, read back equal",
            "write past the end: the offset is past the end of the file",
            $"create {FileSystemProbe.StoredPath}: the file is in the read-only image",
            "stat a bad path: not a path (1..32 printable ASCII characters)",
        ], probe);
    }

    private const string LoadedPath = "/system/apps/fs_probe";

    /// <summary><see cref="Manifest"/> with probe_r loaded from <see cref="LoadedPath"/> through fs (`image`), which
    /// system_init reads through (`ipc:fs:client`).</summary>
    private static SystemScenario Loaded(IReadOnlyList<StoredImage>? images = null)
    {
        string text = SystemRun.Edit(Manifest, "\"memory:allocate:16M\", \"system:shutdown\"]", "\"memory:allocate:16M\", \"system:shutdown\", \"ipc:fs:client\"]");
        text = SystemRun.Edit(text, "name = \"probe_r\"\nbinary = \"fs_probe\"", $"name = \"probe_r\"\nbinary = \"fs_probe\"\nimage = \"{LoadedPath}\"");
        SystemScenario scenario = SystemRun.Scenario(text, "fs-image.toml");
        return images is null ? scenario : scenario.WithImages(images);
    }

    /// <summary>A manifest entry that names a path is spawned from the image fs serves there, and the registry embeds
    /// nothing for it.</summary>
    [Fact]
    public void A_component_is_loaded_from_the_path_its_manifest_entry_names()
    {
        SystemScenario scenario = Loaded();
        Assert.Contains(scenario.Images, image => image.Path == LoadedPath);
        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);
        Assert.True(result.Outcome == RunOutcome.Passed, SystemRun.Describe(result, lines));
        Assert.Contains("started probe_r", SystemRun.LinesOf(lines, "system_init"));
        Assert.Equal($"create {FileSystemProbe.WrittenPath}: only an ipc:fs:writer end may create or write files", SystemRun.LinesOf(lines, "probe_r")[^1]);
        Assert.Contains("no deadline for the fs service's answers: system_init does not hold ipc:timer:client", SystemRun.LinesOf(lines, "system_init"));
    }

    public static TheoryData<string, string> UnloadableImages => new()
    {
        { "missing", $"spawn failed for probe_r: {LoadedPath}: no such file" },
        { "malformed", $"spawn failed for probe_r: {LoadedPath}: image of binary fs_probe: not a loadable AArch64 executable" },
    };

    /// <summary>A missing or malformed image is a failed spawn with the reason, and the system goes on (no hang): probe_w
    /// runs, and system_init gives up on probe_r (restart = never) and shuts down.</summary>
    [Theory]
    [MemberData(nameof(UnloadableImages))]
    public void An_image_that_cannot_be_loaded_is_a_failed_spawn_with_the_reason(string what, string line)
    {
        byte[] garbage = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3];
        SystemScenario scenario = Loaded(what == "missing" ? [new StoredImage(FileSystemProbe.StoredPath, StoredBytes)]
            : [new StoredImage(FileSystemProbe.StoredPath, StoredBytes), new StoredImage(LoadedPath, garbage)]);
        (RunResult result, List<string> lines, _) = SystemRun.Run(scenario, seed: 1);
        Assert.True(result.Outcome is RunOutcome.Passed or RunOutcome.SystemFailed, SystemRun.Describe(result, lines));
        List<string> init = SystemRun.LinesOf(lines, "system_init");
        Assert.StartsWith(line, Assert.Single(init, entry => entry.StartsWith("spawn failed for probe_r", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
        Assert.Contains("not restarting probe_r (restart = never)", init);
        Assert.Empty(SystemRun.LinesOf(lines, "probe_r"));
        Assert.NotEmpty(SystemRun.LinesOf(lines, "probe_w"));
    }

    [Fact]
    public void A_client_reads_but_may_not_create()
    {
        List<string> probe = SystemRun.LinesOf(Run(), "probe_r");
        Assert.Equal($"read {FileSystemProbe.StoredPath}: 300 bytes, sum {FileSystemProbe.Sum(StoredBytes)}", probe[0]);
        Assert.Equal($"create {FileSystemProbe.WrittenPath}: only an ipc:fs:writer end may create or write files", probe[^1]);
    }
}
