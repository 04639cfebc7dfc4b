using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>A system suite boots, on a board whose devices differ, that board's image and checks it against that board's
/// manifest; qemu-virt keeps the suite's own.</summary>
public sealed class HilSuiteCatalogTests
{
    private static HilSuite DefaultSuite => HilSuiteCatalog.Find("default")!;

    [Fact]
    public void The_default_suite_on_qemu_raspi3b_boots_the_raspi3b_system_and_diffs_against_its_manifest()
    {
        HilSuite suite = DefaultSuite.On(HilTarget.Parse("qemu-raspi3b"));
        Assert.Equal("artifacts/system/raspi3b", suite.ImageDirectory);
        Assert.Equal("manifests/raspi3b.toml", suite.Manifest);
        Assert.Contains("-p:KaalManifest=manifests/raspi3b.toml", suite.ImageHint);
        Assert.Equal(DefaultSuite.ExpectedLines, suite.ExpectedLines);
    }

    [Fact]
    public void On_qemu_virt_the_suite_is_unchanged()
    {
        Assert.Same(DefaultSuite, DefaultSuite.On(HilTarget.Parse("qemu-virt")));
    }

    /// <summary>A missing system image is reported with its suite's hint: it must be the command that builds that
    /// image, from the manifest the differential check reads.</summary>
    [Fact]
    public void Every_system_suite_says_how_to_build_its_image_from_its_own_manifest()
    {
        foreach (HilSuite suite in HilSuiteCatalog.All)
        {
            if (suite.Manifest is null) continue;
            Assert.Contains("dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system", suite.ImageHint);
            if (suite.Manifest != "components.toml") Assert.Contains($"-p:KaalManifest={suite.Manifest}", suite.ImageHint);
            Assert.Equal($"artifacts/system/{System.IO.Path.GetFileNameWithoutExtension(suite.Manifest) switch { "components" => "default", string name => name }}", suite.ImageDirectory);
        }
    }
}
