using System.Collections.Generic;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sim.Programs;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>system_init checks every image before it spawns it (ComponentImage.Check), in the simulator as on the CPU:
/// a damaged image, or one whose metadata expects a capability the manifest does not grant, is a failed spawn with the
/// check's message, handled by the lifecycle policy; the rest of the system runs and shuts down.
/// tests/Kaal.Kernel.Arm64.Tests/ImageCheckBootTests expects the same lines on QEMU.</summary>
public sealed class ImageCheckTests
{
    [Theory]
    [InlineData(DamagedImages.Damage.MetadataMagic)]
    [InlineData(DamagedImages.Damage.UngrantedExpectation)]
    public void A_refused_image_is_a_failed_spawn_and_the_system_shuts_down(DamagedImages.Damage damage)
    {
        (SystemManifest manifest, IReadOnlyList<ManifestProblem> problems) = ManifestChecker.Check(SystemRun.RepositoryManifestText, "components.toml", SystemRun.Components);
        Assert.Empty(problems);
        var scenario = new SystemScenario(manifest, SystemScenario.NamePrefix + "components.toml", SystemRun.Components, imageOf: binary =>
        {
            DiscoveredComponent component = SystemRun.Components.Find(binary)!;
            byte[] image = ProgramImage.Build(component);
            if (binary == DamagedImages.Binary) DamagedImages.Apply(damage, image, component);
            return image;
        });

        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(scenario, 0);

        Assert.True(simulation.ShutDown, SystemRun.Describe(result, lines));
        Assert.Equal(1UL, simulation.ExitCode); // a component failed: system_init's exit code says so
        Assert.Equal(DamagedImages.ExpectedLines(damage), SystemRun.LinesOf(lines, "system_init"));
        Assert.DoesNotContain(lines, line => line.StartsWith("[ipc_producer]", System.StringComparison.Ordinal) || line.StartsWith("[ipc_consumer]", System.StringComparison.Ordinal));
    }
}
