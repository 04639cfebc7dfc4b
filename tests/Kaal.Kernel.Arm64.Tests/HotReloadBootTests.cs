using System;
using System.IO;
using System.Linq;
using Kaal.Components.Applications.HotReload;
using Kaal.Components.Supervision;
using Kaal.Hil.Processes;
using Kaal.Sdk;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The hot-reload system (manifests/hot-reload.toml) on qemu-virt with version 2's image damaged inside the image store
/// the kernel image embeds (patched in place in a copy of kaal.elf, so nothing else moves): system_init's loader refuses
/// the replacement before anything stops, the old version keeps running and receives every item itself, and the system
/// powers off with 0, as the simulator does with the same image (Kaal.Sim.Tests HotReloadTests). The replacement that
/// succeeds, and one that is rolled back, are the HIL suites hot-reload and hot-reload-rollback (HilCommandTests).
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class HotReloadBootTests(KernelImages images)
{
    private const string Path2 = "/images/hot_reload_consumer_v2";

    [QemuTheory]
    [InlineData("malformed", "/images/hot_reload_consumer_v2: image of binary hot_reload_consumer: metadata section .kaal.component: magic 0x31504D434C4141B4, not 0x31504D434C41414B (\"KAALCMP1\")")]
    [InlineData("ungranted", "/images/hot_reload_consumer_v2: 'consumer' grants less than binary hot_reload_consumer_v2 expects: nothing in its capabilities grants \"ipc:secret:client\" (the image's metadata section)")]
    public void A_refused_version_2_leaves_version_1_running_on_the_cpu(string damage, string reason)
    {
        string built = images.SystemDirectoryOf("hot-reload", images.UserImagePath(), "manifests/hot-reload.toml");
        string directory = Directory.CreateTempSubdirectory("kaal-hot-reload-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "kaal.elf"), Damaged(built, damage));
            ProcessOutcome run = KernelBoot.Run(KernelEntry.Virt, directory);
            string context = $"exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

            Assert.False(run.TimedOut, context);
            Assert.DoesNotContain("KERNEL PANIC", run.Output);
            string[] lines = run.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            Assert.Contains($"[system_init] reload of consumer refused: {reason}; the running version keeps running", lines);
            Assert.Contains($"[reloader] reload of consumer from {Path2}: refused", lines);
            Assert.Equal(["[consumer] consumer version 1.0.0 received items 1..40 in order, checksum 0x3E1B092D"],
                lines.Where(line => line.StartsWith("[consumer] ", StringComparison.Ordinal)));
            Assert.Contains("[system_init] summary: 6 started, 0 restarted, 0 faulted, 0 failed, 0 not started", lines);
            Assert.True(run.ExitCode == 0, context);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>kaal.elf of <paramref name="built"/> with version 2's image damaged where the embedded image store holds it.</summary>
    private static byte[] Damaged(string built, string damage)
    {
        byte[] kernel = File.ReadAllBytes(Path.Combine(built, "kaal.elf"));
        byte[] store = File.ReadAllBytes(Path.Combine(built, "kaal-images.bin"));
        int storeAt = kernel.AsSpan().IndexOf(store);
        Assert.True(storeAt >= 0, "the image store is not embedded in kaal.elf");
        Outcome<ArraySegment<byte>> image = ImageStore.Find(store, Path2);
        Assert.False(image.Failed, image.Failed ? image.Failure.Message : "");
        Span<byte> inKernel = kernel.AsSpan(storeAt + image.Value.Offset, image.Value.Count);
        Outcome<(int Offset, int Size)> section = ElfSections.Find(image.Value.Array!, image.Value.Offset, image.Value.Count, ComponentMetadataLayout.SectionName);
        Assert.False(section.Failed, section.Failed ? section.Failure.Message : "");
        Span<byte> metadata = inKernel.Slice(section.Value.Offset, section.Value.Size);
        if (damage == "malformed")
        {
            metadata[0] ^= 0xFF;
            return kernel;
        }
        DiscoveredComponent v2 = ComponentDiscovery.FromAssemblies(typeof(SystemInit).Assembly).All.Single(component => component.Implementation == typeof(HotReloadConsumerV2));
        byte[] greedy = ComponentMetadataWriter.Write(v2 with { Expects = [ExpectedCapability.Parse("ipc:secret:client", out _)!] });
        Assert.Equal(metadata.Length, greedy.Length);
        greedy.CopyTo(metadata);
        return kernel;
    }
}
