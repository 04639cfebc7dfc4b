using System.IO;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>The commands on a user's system outside the repository: its components come from its own assembly
/// (--assembly, --project, or the project in the current folder), the rest from Kaal.Components.</summary>
[Collection("Console")]
public sealed class UserSystemTests
{
    [Fact]
    public void Run_boots_a_system_whose_components_come_from_the_users_assembly()
    {
        (int code, string output, string error) = Cli.Run("run", "--manifest", UserProject.Manifest, "--assembly", UserProject.Assembly);
        Assert.True(code == 0, output + error);
        Assert.Contains("[kv_client] sum of 5 values: 100", output);
        Assert.Contains("shut down with exit code 0", output);
    }

    [Fact]
    public void Without_the_users_assembly_the_unknown_binaries_say_how_to_add_a_component()
    {
        _ = UserProject.Assembly;
        (int code, string output, _) = Cli.Run("manifest", "check", UserProject.Manifest);
        Assert.Equal(1, code);
        Assert.Contains("components.toml:25:10: error: unknown binary \"kv_store\" (known: ", output);
        Assert.Matches("unknown binary \"kv_store\" \\(known: [^)]*\\bipc_consumer\\b", output);
        Assert.Contains("to add one, put [KaalComponent(\"NAME\", ComponentType.Service, \"1.0.0\")] on a Component subclass", output);
        (code, output, string error) = Cli.Run("manifest", "check", UserProject.Manifest, "--assembly", UserProject.Assembly);
        Assert.True(code == 0, output + error);
        Assert.Contains("ok, 4 components", output);
    }

    [Fact]
    public void Explore_finds_the_users_components_and_its_replay_hint_names_the_assembly()
    {
        string trace = Path.Combine(UserProject.Folder, "explore-trace.json");
        (int code, string output, string error) = Cli.Run("explore", $"system:{UserProject.Manifest}", "--assembly", UserProject.Assembly,
            "--iterations", "20", "--strategy", "portfolio", "--out", trace);
        Assert.True(code == 0, output + error);
        Assert.Contains("no bug found", output);
    }

    /// <summary>The store declares its labels ([KaalMessageLabel]); a replay of the user's system shows them by name.</summary>
    [Fact]
    public void Replay_names_the_labels_the_users_component_declares()
    {
        string trace = Path.Combine(UserProject.Folder, "labels-trace.json");
        (int code, string output, string error) = Cli.Run("run", "--manifest", UserProject.Manifest, "--assembly", UserProject.Assembly, "--trace", trace);
        Assert.True(code == 0, output + error);
        (code, output, error) = Cli.Run("replay", trace, "--assembly", UserProject.Assembly, "--last", "0");
        Assert.True(code == 0, output + error);
        Assert.Contains(", KvStore.Put, words=[", output);
        Assert.Contains(", KvStore.Get, words=[", output);
        Assert.Contains("ReplyRecv(Endpoint ", output);
        Assert.Contains(", KvStore.Ok, words=[", output);
        Assert.Contains(", Protocol.Ready, words=[]", output);
    }

    /// <summary>From the project's folder with no options: kaal builds the one project there in Release and loads it.</summary>
    [Fact]
    public void Run_in_the_projects_folder_builds_it_in_release_and_uses_its_components()
    {
        _ = UserProject.Assembly;
        (int code, string output) = UserProject.RunKaal(UserProject.Folder, "run");
        Assert.True(code == 0, output);
        Assert.Contains("kaal: building KvSystem.csproj (Release)", output);
        Assert.Contains("[kv_client] sum of 5 values: 100", output);
    }

    /// <summary>MSBuild gives a project reference's analyzers to no one: without the import in
    /// <see cref="UserProject.ProjectText"/> this project built, and the fixture's ValueTask.FromResult (which EL0 lacks)
    /// once passed every check but the CPU's.</summary>
    [Fact]
    public void A_project_referencing_Kaal_Sdks_source_is_held_to_the_EL0_runtime_by_the_analyzer()
    {
        // Beside the user's project, not in it: its default globs would compile this folder's sources.
        string folder = UserProject.Folder + "-el0-check";
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Store.csproj"), UserProject.ProjectText("Store"));
        File.WriteAllText(Path.Combine(folder, "Store.cs"), """
            using System.Threading.Tasks;
            using Kaal.Sdk.Runtime;

            [KaalComponent("store", ComponentType.Service, "0.1.0")]
            public sealed class Store : ServiceBase
            {
                protected override string ServiceName => "store";

                protected override ValueTask<Reply> HandleAsync(Request request) => ValueTask.FromResult(Reply.With(0));
            }
            """);
        (int code, string output) = UserProject.Dotnet(folder, "build", "-nologo");
        Assert.NotEqual(0, code);
        Assert.Contains("error KAAL0001: 'System.Threading.Tasks.ValueTask.FromResult", output);
    }

    [Fact]
    public void A_project_that_does_not_build_is_a_usage_error_with_its_compiler_errors()
    {
        _ = UserProject.Assembly;
        string broken = UserProject.Folder + "-broken";
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(broken, "Broken.cs"), "public class Broken { int x = \"text\"; }");
        (int code, _, string error) = Cli.Run("run", "--manifest", UserProject.Manifest, "--project", Path.Combine(broken, "Broken.csproj"));
        Assert.Equal(2, code);
        Assert.Contains("does not build", error);
        Assert.Contains("error CS0029", error);
    }
}
