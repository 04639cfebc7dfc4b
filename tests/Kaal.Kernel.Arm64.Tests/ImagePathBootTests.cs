using System;
using System.IO;
using System.Linq;
using Kaal.Hil.Processes;
using Kaal.Hil.Qemu;
using Kaal.Sdk;
using Kaal.Sdk.Images;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// A manifest entry whose image is missing from the image store, on the CPU: the image-path systems
/// (manifests/image-path.toml, raspi3b-image-path.toml) with ipc_consumer's entry in the store the kernel image embeds
/// renamed (patched in place in a copy of the image, so nothing else moves). system_init's read through fs finds no
/// file at the path: each spawn fails with the lifecycle error line, the restart policy gives up, the producer that
/// would wait for the consumer forever is stopped, and the system powers off with 1 (a component failed), as the
/// simulator does with the same store (Kaal.Sim.Tests FileSystemTests, "missing"). The loads that succeed are the HIL
/// suites (Kaal.Cli.Tests ImagePathSuiteTests).
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class ImagePathBootTests(KernelImages images)
{
    private const string ConsumerPath = "/system/apps/ipc_consumer";

    [QemuTheory]
    [InlineData(KernelEntry.Virt, "image-path")]
    [InlineData(KernelEntry.Raspi3b, "raspi3b-image-path")]
    public void A_path_missing_from_the_store_is_a_failed_spawn_and_the_rest_of_the_system_runs(KernelEntry entry, string system)
    {
        string built = images.SystemDirectoryOf(system, images.UserImagePath(), $"manifests/{system}.toml");
        string image = entry == KernelEntry.Virt ? "kaal.elf" : "kernel8.img";
        string directory = Directory.CreateTempSubdirectory("kaal-image-path-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, image), WithoutConsumer(built, image));
            ProcessOutcome run = KernelBoot.Run(entry, directory);
            string context = $"exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

            Assert.False(run.TimedOut, context);
            Assert.DoesNotContain("KERNEL PANIC", run.Output);
            string[] lines = run.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            Assert.Contains($"[system_init] spawn failed for ipc_consumer: {ConsumerPath}: no such file", lines);
            Assert.Contains(lines, line => line.StartsWith("[system_init] gave up on ipc_consumer after ", StringComparison.Ordinal));
            Assert.Contains("[system_init] stopped ipc_producer: its peer ipc_consumer on 'numbers' failed", lines);
            Assert.DoesNotContain(lines, line => line.StartsWith("[ipc_consumer] ", StringComparison.Ordinal));
            Assert.Contains("[system_init] started fs", lines);
            Assert.Contains(lines, line => line.StartsWith("[system_init] summary: ", StringComparison.Ordinal) && line.Contains(" failed", StringComparison.Ordinal));
            Assert.True(run.ExitCode == 1, context);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A loaded host, made deterministic: QEMU is stopped (SIGSTOP) for 150 ms after every 5 ms it runs, as a
    /// host that deschedules it would. Under TCG without -icount the guest's counter follows the host's clock, so each
    /// stop is a 150 ms jump of the guest's time; every chunk system_init reads through fs waits across some of them.
    /// With a per-chunk deadline below the stall (the 50 ms it was) the read fails (`the fs service did not answer
    /// within 50 ms`); with <see cref="Kaal.Components.Supervision.SystemInit.FsAnswerDeadlineMs"/> it loads.</summary>
    [QemuFact]
    public void A_host_that_stalls_qemu_does_not_fail_the_loaders_reads()
    {
        string built = images.SystemDirectoryOf("image-path", images.UserImagePath(), "manifests/image-path.toml");
        var options = new QemuLaunchOptions
        {
            Target = QemuTarget.Virt(),
            KernelImagePath = Path.Combine(built, "kaal.elf"),
            Serial = QemuSerialMode.Pipe,
            Qmp = false,
            Semihosting = true,
            NoReboot = true,
        };
        // The shell runs QEMU and stops and continues it until it exits; its exit status is QEMU's.
        const string stalls = "\"$@\" & q=$!; while kill -0 $q 2>/dev/null; do sleep 0.005; kill -STOP $q 2>/dev/null; sleep 0.15; kill -CONT $q 2>/dev/null; done; wait $q";
        ProcessOutcome run = BoundedProcess.Run("sh", ["-c", stalls, "sh", options.Executable, .. QemuCommandLine.Build(options)], built, TimeSpan.FromMinutes(5));
        string context = $"exit {run.ExitCode}, timed out {run.TimedOut}, {run.Elapsed.TotalSeconds:F1} s\n{run.Output}";

        Assert.False(run.TimedOut, context);
        string[] lines = run.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.DoesNotContain(lines, line => line.StartsWith("[system_init] spawn failed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("[ipc_consumer] received items 1..40 in order, checksum 0x", StringComparison.Ordinal));
        Assert.True(run.ExitCode == 0, context);
    }

    /// <summary><paramref name="image"/> of <paramref name="built"/> with the store entry of <see cref="ConsumerPath"/>
    /// renamed (its last character changed), so no file is at that path.</summary>
    private static byte[] WithoutConsumer(string built, string image)
    {
        byte[] kernel = File.ReadAllBytes(Path.Combine(built, image));
        byte[] store = File.ReadAllBytes(Path.Combine(built, "kaal-images.bin"));
        int storeAt = kernel.AsSpan().IndexOf(store);
        Assert.True(storeAt >= 0, $"the image store is not embedded in {image}");
        Outcome<int> index = ImageStore.IndexOf(store, ConsumerPath);
        Assert.False(index.Failed, index.Failed ? index.Failure.Message : "");
        kernel[storeAt + ImageStore.HeaderBytes + index.Value * ImageStore.EntryBytes + ConsumerPath.Length - 1] = (byte)'X';
        return kernel;
    }
}
