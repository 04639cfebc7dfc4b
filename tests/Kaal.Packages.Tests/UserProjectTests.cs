using System;
using System.IO;
using Xunit;

namespace Kaal.Packages.Tests;

/// <summary>
/// A user's folder outside the repository, with only the feed: the installed kaal runs and explores a system there,
/// a component project restored from the feed is held to the EL0 runtime by the analyzer Kaal.Sdk carries, and an
/// xunit project on Kaal.Sim tests a whole system with ScenarioAssert.
/// </summary>
[Collection(LocalFeedCollection.Name)]
public sealed class UserProjectTests(LocalFeed feed)
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_installed_tool_runs_checks_and_explores_a_system_in_a_folder_outside_the_repository()
    {
        string folder = SystemFolder("tool-system");
        CommandResult run = feed.RunKaal(folder, CommandLimit, "run");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[ipc_consumer] received items 1..40 in order", run.Output);
        Assert.Contains("shut down with exit code 0", run.Output);
        CommandResult check = feed.RunKaal(folder, CommandLimit, "manifest", "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        CommandResult explore = feed.RunKaal(folder, CommandLimit, "explore", "system:components.toml", "--strategy", "portfolio", "--iterations", "20");
        Assert.True(explore.ExitCode == 0, explore.ToString());
        Assert.DoesNotContain("BUG", explore.Output);
    }

    [Fact]
    public void A_component_using_what_EL0_lacks_fails_its_build_with_the_analyzers_messages_and_builds_once_fixed()
    {
        string folder = feed.NewFolder("el0-check");
        WriteProject(folder, "Store", $"""<PackageReference Include="Kaal.Sdk" Version="{feed.Version}" />""");
        string source = Path.Combine(folder, "Store.cs");
        File.WriteAllText(source, StoreSource("var seen = new HashSet<uint> { 7 };", "seen.Count", "x8"));
        CommandResult broken = LocalFeed.Dotnet(folder, CommandLimit, "build", "-nologo");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("error KAAL0001: 'System.Collections.Generic.HashSet<T>' is not available in the EL0 runtime", broken.Output);
        Assert.Contains("Dictionary<T, bool>", broken.Output);
        Assert.Contains("error KAAL0002: ':x8' in an interpolated string is not supported in the EL0 runtime", broken.Output);
        File.WriteAllText(source, StoreSource("var seen = new Dictionary<uint, bool> { [7] = true };", "seen.Count", "X8"));
        CommandResult fixedBuild = LocalFeed.Dotnet(folder, CommandLimit, "build", "-nologo");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
    }

    [Fact]
    public void Dotnet_test_checks_a_whole_system_with_ScenarioAssert_from_the_feeds_Kaal_Sim()
    {
        string folder = SystemFolder("system-tests");
        WriteProject(folder, "SystemTests", outputType: "Exe", references: $"""
            <PackageReference Include="Kaal.Sim" Version="{feed.Version}" />
                <PackageReference Include="Kaal.Components" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            """);
        File.WriteAllText(Path.Combine(folder, "SystemTests.cs"), """
            using Kaal.Sim.Exploration;
            using Kaal.Sim.Scenarios;
            using Kaal.Sim.Strategies;
            using Xunit;

            // In a namespace: xunit v3 generates the test executable's entry point in the namespace SystemTests (the
            // project's name), which a class SystemTests in the global namespace would collide with.
            namespace UserSystem.Tests;

            public sealed class SystemTests
            {
                [Fact]
                public void The_system_has_no_bugs() =>
                    ScenarioAssert.NoBugs(SystemScenario.FromFile("../../../components.toml", typeof(Kaal.Components.Supervision.SystemInit).Assembly), new ExploreSettings(new PortfolioStrategySettings(), Iterations: 10));
            }
            """);
        CommandResult test = LocalFeed.Dotnet(folder, CommandLimit, "test", "-nologo");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!", test.Output);
    }

    /// <summary>A folder holding the repository's default manifest (system_init, the drivers, producer and consumer).</summary>
    private string SystemFolder(string name)
    {
        string folder = feed.NewFolder(name);
        File.Copy(Path.Combine(LocalFeed.RepositoryRoot, "components.toml"), Path.Combine(folder, "components.toml"));
        return folder;
    }

    /// <summary>A project file; a test project on xunit v3 is an executable (<paramref name="outputType"/> Exe).</summary>
    private static void WriteProject(string folder, string name, string references, string outputType = "Library") =>
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>{outputType}</OutputType>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);

    private static string StoreSource(string declaration, string count, string format) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Kaal.Sdk.Runtime;

        public sealed class Store : Component
        {
            public override async Task RunAsync()
            {
                {{declaration}}
                uint size = (uint){{count}};
                await Console.WriteLineAsync($"{size:{{format}}} entries");
            }
        }
        """;
}
