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

    [Fact]
    public void A_client_reads_but_may_not_create()
    {
        List<string> probe = SystemRun.LinesOf(Run(), "probe_r");
        Assert.Equal($"read {FileSystemProbe.StoredPath}: 300 bytes, sum {FileSystemProbe.Sum(StoredBytes)}", probe[0]);
        Assert.Equal($"create {FileSystemProbe.WrittenPath}: only an ipc:fs:writer end may create or write files", probe[^1]);
    }
}
