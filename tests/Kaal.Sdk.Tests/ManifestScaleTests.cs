using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Registry;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>Manifests as large as a user can write: every check runs in bounded stack (the graph searches keep their
/// own stacks), and what the registry cannot hold is an error, not a crash later in `kaal run`.</summary>
public sealed class ManifestScaleTests
{
    /// <summary>The stack the checks get here: a tenth of a thread's default, far below what one frame per component
    /// of an 18,000-deep chain would need.</summary>
    private const int SmallStackBytes = 256 * 1024;

    /// <summary>system_init, then <paramref name="count"/> applications; c{i} depends on c{i+1}, and the last on
    /// <paramref name="lastDependsOn"/> if given.</summary>
    public static string Chain(int count, string? lastDependsOn = null)
    {
        var text = new StringBuilder(SystemInit);
        for (int i = 0; i < count; i++)
        {
            string next = i + 1 < count ? $"c{i + 1}" : lastDependsOn ?? "";
            text.Append($"[[component]]\nname = \"c{i}\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 10\n");
            if (next.Length > 0) text.Append($"dependencies = [\"{next}\"]\n");
            text.Append('\n');
        }
        return text.ToString();
    }

    private static IReadOnlyList<ManifestProblem> CheckOnSmallStack(string text)
    {
        IReadOnlyList<ManifestProblem>? problems = null;
        var thread = new Thread(() => problems = Check(text), SmallStackBytes);
        thread.Start();
        thread.Join();
        return problems!;
    }

    private static int LineOf(string text, string fragment) => text[..text.IndexOf(fragment, System.StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void An_18000_deep_dependency_chain_checks_on_a_small_stack()
    {
        string text = Chain(18_000);
        ManifestProblem problem = Assert.Single(CheckOnSmallStack(text));
        Assert.Equal(LineOf(text, "name = \"c63\"") - 1, problem.Location.Line);
        Assert.Contains($"this is component 65 of 18001: a system has at most {RegistryLayout.MaxComponents} components", problem.Message);
    }

    [Fact]
    public void An_18000_long_dependency_cycle_is_one_problem_at_the_edge_that_closes_it()
    {
        string text = Chain(18_000, lastDependsOn: "c0");
        List<ManifestProblem> cycles = CheckOnSmallStack(text).Where(problem => problem.Message.StartsWith("dependency cycle")).ToList();
        ManifestProblem cycle = Assert.Single(cycles);
        Assert.Equal(LineOf(text, "dependencies = [\"c0\"]"), cycle.Location.Line);
        Assert.StartsWith("dependency cycle: c0 -> c1 -> c2 -> ", cycle.Message);
        Assert.EndsWith(" -> c17999 -> c0", cycle.Message);
    }

    [Fact]
    public void Sixty_four_components_fit_the_registry_and_sixty_five_do_not()
    {
        Assert.Empty(Check(Chain(RegistryLayout.MaxComponents - 1)));
        string text = Chain(RegistryLayout.MaxComponents);
        AssertSingle(text, LineOf(text, $"name = \"c{RegistryLayout.MaxComponents - 1}\"") - 1, 1, "this is component 65 of 65");
    }

    [Fact]
    public void More_capabilities_or_dependencies_than_a_registry_record_holds()
    {
        string many = string.Join(", ", Enumerable.Range(0, 17).Select(i => $"\"memory:allocate:{4 * (i + 1)}K\""));
        string line = $"capabilities = [\"process:create\", {many}]";
        AssertSingle(SystemInit.Replace("capabilities = [\"process:create\"]", line), 7, line.IndexOf("\"memory:allocate:64K\"", System.StringComparison.Ordinal) + 1,
            "'system_init' has 18 capabilities; a component holds at most 16");
        string text = Chain(17) + "[[component]]\nname = \"d\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\ndependencies = ["
            + string.Join(", ", Enumerable.Range(0, 17).Select(i => $"\"c{i}\"")) + "]\n";
        ManifestProblem problem = Assert.Single(Check(text));
        Assert.Contains("'d' has 17 dependencies; a component has at most 16", problem.Message);
    }

    [Fact]
    public void Names_longer_than_the_registry_holds()
    {
        string longName = new('a', RegistryLayout.NameBytes + 1);
        AssertSingle(SystemInit + $"[[component]]\nname = \"{longName}\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\n", 9, 8,
            $"component name \"{longName}\" is 33 characters long; the registry holds names of at most 32");
        string channel = new('n', RegistryLayout.GrantNameBytes + 1);
        Assert.Contains(Check(SystemInit + $"[[component]]\nname = \"p\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\ncapabilities = [\"ipc:{channel}:server\"]\n"),
            problem => problem.Message.Contains($"connection name '{channel}' is 25 characters long"));
    }

    [Fact]
    public void An_empty_manifest_is_an_error() => AssertSingle("", 1, 1, "the manifest declares no components");

    [Fact]
    public void A_manifest_without_system_init_is_an_error() =>
        AssertSingle(SystemInit.Replace("\"system_init\"", "\"init\"").Replace("binary = \"init\"", "binary = \"system_init\""), 1, 1, "no component is named \"system_init\"");
}
