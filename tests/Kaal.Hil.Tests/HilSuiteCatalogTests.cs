using System.Linq;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>System suites are derived from manifests, never listed: one per manifest of the repository, named after its
/// system, with its image folder and a hint that builds it from that manifest; on a board whose devices differ the
/// default system is that board's manifest.</summary>
public sealed class HilSuiteCatalogTests
{
    private static HilSuite DefaultSuite => HilSuiteCatalog.Find("default", RepositoryPaths.Root)!;

    [Fact]
    public void Every_manifest_of_the_repository_is_a_system_suite_and_nothing_else_is()
    {
        Assert.Equal("kernel, default, channel-smp2, consumer-crash, default-smp2, hot-reload-rollback, hot-reload-service, hot-reload-state, hot-reload, image-path, raspi3b-image-path, raspi3b, raspi4b-image-path, raspi4b, spawn-failure, test-components", HilSuiteCatalog.Names(RepositoryPaths.Root));
        Assert.Null(HilSuiteCatalog.Find("everything", RepositoryPaths.Root));
        Assert.Null(HilSuiteCatalog.Find("default", repositoryRoot: null));
        Assert.Same(HilSuiteCatalog.Kernel, HilSuiteCatalog.Find("kernel", null));
    }

    [Fact]
    public void A_system_suite_is_derived_from_its_manifest()
    {
        HilSuite suite = SystemSuites.FromManifest("/home/me/kv/store.toml");
        Assert.Equal("store", suite.Name);
        Assert.Equal("/home/me/kv/store.toml", suite.Manifest);
        Assert.Equal("artifacts/system/store", suite.ImageDirectory);
        Assert.Equal(new[] { "[system_init] summary: " }, suite.ExpectedLines);
        Assert.True(suite.IsSystem);
    }

    [Theory]
    [InlineData("raspi3b")]
    [InlineData("raspi4b")]
    public void The_default_suite_on_a_pi_boots_the_boards_system_and_diffs_against_its_manifest(string board)
    {
        HilSuite suite = DefaultSuite.On(HilTarget.Parse($"qemu-{board}"));
        Assert.Equal($"artifacts/system/{board}", suite.ImageDirectory);
        Assert.Equal($"manifests/{board}.toml", suite.Manifest);
        Assert.Contains($"-p:KaalManifest=manifests/{board}.toml", suite.ImageHint);
        Assert.Equal(DefaultSuite.ExpectedLines, suite.ExpectedLines);
    }

    [Fact]
    public void On_qemu_virt_the_suite_is_unchanged()
    {
        HilSuite suite = DefaultSuite;
        Assert.Same(suite, suite.On(HilTarget.Parse("qemu-virt")));
    }

    /// <summary>A missing system image is reported with its suite's hint: it must be the command that builds that
    /// image, from the manifest the differential check reads.</summary>
    [Fact]
    public void Every_system_suite_says_how_to_build_its_image_from_its_own_manifest()
    {
        foreach (string name in SystemSuites.NamesIn(RepositoryPaths.Root))
        {
            HilSuite suite = HilSuiteCatalog.Find(name, RepositoryPaths.Root)!;
            Assert.Contains("dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system", suite.ImageHint);
            if (suite.Manifest != "components.toml") Assert.Contains($"-p:KaalManifest={suite.Manifest}", suite.ImageHint);
            Assert.Equal($"artifacts/system/{System.IO.Path.GetFileNameWithoutExtension(suite.Manifest!) switch { "components" => "default", string other => other }}", suite.ImageDirectory);
        }
        Assert.Equal(16, HilSuiteCatalog.Names(RepositoryPaths.Root).Split(", ").Count());
    }
}
