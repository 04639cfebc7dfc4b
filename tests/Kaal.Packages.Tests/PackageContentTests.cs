using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>What each package carries: metadata, README, license, XML docs, symbols; the analyzer in Kaal.Sdk; the tool.</summary>
[Collection(LocalFeedCollection.Name)]
public sealed class PackageContentTests(LocalFeed feed)
{
    [Theory]
    [InlineData("Kaal.Model")]
    [InlineData("Kaal.Sdk")]
    [InlineData("Kaal.Components")]
    [InlineData("Kaal.Sim")]
    [InlineData("Kaal.Sim.Coyote")]
    [InlineData("Kaal.Hil")]
    public void A_library_package_has_metadata_readme_license_docs_and_symbols(string id)
    {
        using ZipArchive package = Open(id, "nupkg");
        XElement metadata = Metadata(package, id);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.Equal("git", metadata.Elements().Single(element => element.Name.LocalName == "repository").Attribute("type")!.Value);
        string[] entries = package.Entries.Select(entry => entry.FullName).ToArray();
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        using ZipArchive symbols = Open(id, "snupkg");
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(entry => entry.FullName));
    }

    [Fact]
    public void Kaal_Sdk_carries_the_EL0_API_analyzer_and_its_build_props()
    {
        using ZipArchive package = Open("Kaal.Sdk", "nupkg");
        string[] entries = package.Entries.Select(entry => entry.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/Kaal.Sdk.Analyzers.dll", entries);
        Assert.Contains("build/Kaal.Sdk.props", entries);
        Assert.DoesNotContain(Metadata(package, "Kaal.Sdk").Descendants().Where(element => element.Name.LocalName == "dependency"),
            dependency => dependency.Attribute("id")!.Value == "Kaal.Sdk.Analyzers");
    }

    [Fact]
    public void Kaal_Cli_is_a_dotnet_tool_whose_command_is_kaal()
    {
        using ZipArchive package = Open("Kaal.Cli", "nupkg");
        XElement metadata = Metadata(package, "Kaal.Cli");
        Assert.Equal("DotnetTool", metadata.Descendants().Single(element => element.Name.LocalName == "packageType").Attribute("name")!.Value);
        using Stream settings = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
        Assert.Equal("kaal", XDocument.Load(settings).Descendants("Command").Single().Attribute("Name")!.Value);
        Assert.True(File.Exists(feed.Kaal), $"{feed.Kaal} was not installed");
    }

    [Fact]
    public void The_installed_tool_carries_the_image_build_kit_next_to_kaal_dll_without_build_outputs()
    {
        string[] kaalDlls = Directory.GetFiles(feed.ToolFolder, "kaal.dll", SearchOption.AllDirectories);
        string toolFolder = Path.GetDirectoryName(Assert.Single(kaalDlls))!;
        string kit = Path.Combine(toolFolder, "kit");
        // The image build's tool and the SDK's source generator, which `kaal build` hands to the kit's build instead of
        // building them.
        foreach (string file in new[] { "Kaal.BuildTool.dll", "Kaal.BuildTool.runtimeconfig.json", "Kaal.Sdk.Analyzers.dll" })
        {
            Assert.True(File.Exists(Path.Combine(toolFolder, file)), $"{file} is not next to kaal.dll ({toolFolder})");
        }
        foreach (string file in new[] { "Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj", "Kaal.Kernel.Arm64/build/KaalKernelImage.targets", "Kaal.User.Arm64/Kaal.User.Arm64.csproj",
                     "Kaal.BareMetal/UserLibrary/Collections/List.cs", "Kaal.BareMetal/build/KaalImage.targets", "Kaal.Model/Kaal.Model.csproj", "Kaal.Sdk/Sys.cs", "Kaal.Model.Scenarios/Kaal.Model.Scenarios.csproj", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.True(File.Exists(Path.Combine(kit, file)), $"{file} is not in the tool's kit ({kit})");
        }
        string separator = Path.DirectorySeparatorChar.ToString();
        Assert.DoesNotContain(Directory.GetFiles(kit, "*", SearchOption.AllDirectories),
            path => path.Contains($"{separator}obj{separator}", System.StringComparison.Ordinal) || path.Contains($"{separator}bin{separator}", System.StringComparison.Ordinal));
    }

    private ZipArchive Open(string id, string extension) => ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.{extension}"));

    private static XElement Metadata(ZipArchive package, string id)
    {
        using Stream nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
}
