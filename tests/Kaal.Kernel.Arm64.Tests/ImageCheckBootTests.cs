using System;
using System.IO;
using System.Linq;
using Kaal.Components.Supervision;
using Kaal.Hil.Processes;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Registry;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The default system booted from per-component images, with ipc_producer's image damaged inside the kernel image
/// (patched in place in a copy of kaal.elf, so nothing else moves): system_init's ComponentImage.Check refuses it before
/// the spawn, prints the lifecycle line with the check's message, skips ipc_consumer (it depends on ipc_producer) and
/// powers off with 1, in bounded time and without a panic. The simulator prints the same lines (Kaal.Sim.Tests ImageCheckTests).
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class ImageCheckBootTests(KernelImages images)
{
    [QemuTheory]
    [InlineData(DamagedImages.Damage.MetadataMagic)]
    [InlineData(DamagedImages.Damage.UngrantedExpectation)]
    public void A_refused_image_is_a_failed_spawn_and_the_system_powers_off(DamagedImages.Damage damage)
    {
        string built = images.SystemDirectoryOf("default", images.UserImagePath());
        string directory = Directory.CreateTempSubdirectory("kaal-image-check-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "kaal.elf"), Damaged(built, damage));
            ProcessOutcome run = KernelBoot.Run(KernelEntry.Virt, directory);
            string context = $"exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

            Assert.False(run.TimedOut, context);
            Assert.DoesNotContain("KERNEL PANIC", run.Output);
            string[] lines = run.Output.Split('\n').Select(line => line.TrimEnd('\r'))
                .Where(line => line.StartsWith("[system_init] ", StringComparison.Ordinal)).Select(line => line["[system_init] ".Length..]).ToArray();
            Assert.Equal(DamagedImages.ExpectedLines(damage), lines);
            Assert.True(run.ExitCode == 1, context);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>kaal.elf of <paramref name="built"/> with ipc_producer's image damaged where the embedded registry holds it.</summary>
    private static byte[] Damaged(string built, DamagedImages.Damage damage)
    {
        byte[] kernel = File.ReadAllBytes(Path.Combine(built, "kaal.elf"));
        byte[] registryBytes = File.ReadAllBytes(Path.Combine(built, "kaal-registry.bin"));
        int registryAt = kernel.AsSpan().IndexOf(registryBytes);
        Assert.True(registryAt >= 0, "the registry is not embedded in kaal.elf");
        ComponentRegistry registry = ComponentRegistry.Decode(registryBytes, out string? error) ?? throw new InvalidOperationException(error);
        RegistryComponent producer = registry.Components.Single(component => component.Binary == DamagedImages.Binary);
        DiscoveredComponent declared = ComponentDiscovery.FromAssemblies(typeof(SystemInit).Assembly).Find(DamagedImages.Binary)!;
        DamagedImages.Apply(damage, kernel.AsSpan(registryAt + producer.ImageOffset, producer.ImageSize), declared);
        return kernel;
    }
}
