using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>The dotnet new templates from the feed (installed by <see cref="LocalFeed"/> into a hive of its own), instantiated.</summary>
[Collection(LocalFeedCollection.Name)]
public sealed class TemplateTests(LocalFeed feed)
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_templates_reference_the_version_the_repository_packs()
    {
        string props = File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot, "Directory.Build.props"));
        string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        string template = File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot, "templates", "content", "kaal-system", ".template.config", "template.json"));
        Assert.Contains($"\"defaultValue\": \"{version}\"", template);
    }

    [Fact]
    public void The_system_template_makes_a_manifest_a_service_a_client_and_a_test_project_on_the_feeds_version()
    {
        string folder = feed.NewFolder("from-template");
        CommandResult created = New(folder, "kaal-system", "-n", "MySystem", "--KaalVersion", feed.Version);
        Assert.True(created.ExitCode == 0, created.ToString());
        string system = Path.Combine(folder, "MySystem");
        string[] files = Directory.GetFiles(system, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(system, path).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["CounterClient.cs", "CounterService.cs", "MySystem.csproj", "components.toml", "tests/MySystem.Tests/MySystem.Tests.csproj", "tests/MySystem.Tests/SystemTests.cs"], files);
        Assert.Contains($"Version=\"{feed.Version}\"", File.ReadAllText(Path.Combine(system, "MySystem.csproj")));
        Assert.Contains("namespace MySystem;", File.ReadAllText(Path.Combine(system, "CounterService.cs")));
        string testProject = File.ReadAllText(Path.Combine(system, "tests", "MySystem.Tests", "MySystem.Tests.csproj"));
        Assert.Contains("../../MySystem.csproj", testProject);
        // Explorations in the test project run optimized code from the first schedule, in Debug as well (docs/simulator.md).
        Assert.Contains("<TieredCompilation>false</TieredCompilation>", testProject);
    }

    [Fact]
    public void The_component_template_names_the_binary_after_the_component()
    {
        string folder = feed.NewFolder("component-template");
        CommandResult created = New(folder, "kaal-component", "-n", "Sensor");
        Assert.True(created.ExitCode == 0, created.ToString());
        string source = File.ReadAllText(Path.Combine(folder, "Sensor.cs"));
        Assert.Contains("[KaalComponent(\"sensor\", ComponentType.Application", source);
        Assert.Contains("public sealed class Sensor : Component", source);
    }

    private CommandResult New(string folder, params string[] arguments) =>
        LocalFeed.Dotnet(folder, CommandLimit, ["new", .. arguments, "--debug:custom-hive", feed.TemplateHive]);
}
