using System;
using System.IO;
using System.Linq;
using Kaal.Sdk;
using Kaal.Sdk.Images;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>A component loaded from the filesystem image on the CPU, on each board: the image-path systems
/// (manifests/image-path.toml and its raspi3b and raspi4b twins) name ipc_consumer's image by path, so the registry
/// embeds nothing for it and the kernel build stores its built image at that path in kaal-images.bin; the kernel hands
/// the store over at boot, system_init hands it to fs and reads the image through fs at the first spawn. The consumer's
/// checksum line shows the loaded code ran, and the console equals the simulator's run of the same manifest. The
/// refusal (the path missing from the store) is Kaal.Kernel.Arm64.Tests ImagePathBootTests.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImagePathSuiteTests(KernelImages images)
{
    private const string ConsumerPath = "/system/apps/ipc_consumer";

    [QemuTheory]
    [InlineData("qemu-virt", "image-path", "")]
    // The Pi 3's untyped RAM ends below the GPU's share (docs/boards.md), not at the peripherals (0x3F00_0000).
    [InlineData("qemu-raspi3b", "raspi3b-image-path", "..0x000000003b400000 and the MMIO ranges")]
    [InlineData("qemu-raspi4b", "raspi4b-image-path", "..0x000000003b400000 and the MMIO ranges")]
    public void A_component_named_by_path_is_loaded_through_fs_and_equals_the_simulator(string target, string system, string untypedRam)
    {
        string built = images.SystemDirectoryOf(system, images.UserImagePath(), $"manifests/{system}.toml");
        Outcome<ArraySegment<byte>> stored = ImageStore.Find(File.ReadAllBytes(Path.Combine(built, "kaal-images.bin")), ConsumerPath);
        Assert.False(stored.Failed, stored.Failed ? stored.Failure.Message : "");
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-cli-junit-{Guid.NewGuid():N}.xml");
        try
        {
            (int code, string output, string error) = Cli.Run("hil", "run", "--target", target, "--suite", system, "--timeout", "300", "--junit", junit);
            Assert.True(code == 0, $"{output}\n{error}");
            Assert.Contains($"kaal hil: suite '{system}' on {target}: PASSED", output);
            Assert.Contains("differential check: equal: ", output);
            string[] console = File.ReadAllText(junit).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            Assert.Contains("[system_init] started ipc_consumer", console);
            Assert.Contains(console, line => line.StartsWith("[ipc_consumer] received items 1..40 in order, checksum 0x", StringComparison.Ordinal));
            Assert.DoesNotContain(console, line => line.Contains("spawn failed", StringComparison.Ordinal));
            if (untypedRam.Length > 0) Assert.Contains(console, line => line.Contains("Kaal.Model kernel booted: ", StringComparison.Ordinal) && line.EndsWith(untypedRam, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(junit);
        }
    }
}
