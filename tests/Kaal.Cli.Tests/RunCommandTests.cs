using System;
using System.IO;
using System.Linq;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal run`: boots the repository's system; exit 0 on a clean power-off, 1 when the system did not end
/// cleanly, 2 for an unusable manifest; the same seed prints the same run.</summary>
[Collection("Console")]
public sealed class RunCommandTests
{
    private static string RepositoryManifest() => Path.Combine(RepositoryPaths.Root, "components.toml");

    [Fact]
    public void The_default_system_runs_to_a_clean_shutdown_and_the_same_seed_prints_the_same_run()
    {
        (int code, string output, string error) = Cli.Run("run", "--manifest", RepositoryManifest(), "--seed", "9");
        Assert.True(code == 0, output + error);
        Assert.Contains("[ipc_consumer] received items 1..40 in order, checksum 0x", output);
        Assert.Contains("[system_init] started serial_driver", output);
        Assert.Contains("[system_init] summary: 4 started, 0 restarted, 0 faulted, 0 failed, 0 not started", output);
        Assert.Contains("messages delivered; ", output);
        Assert.Contains("shut down with exit code 0", output);
        Assert.StartsWith("verdict: passed (", FailureReportTests.LastLine(output));
        (_, string again, _) = Cli.Run("run", "--manifest", RepositoryManifest(), "--seed", "9");
        Assert.Equal(output, again);
    }

    /// <summary>The JUnit `kaal run --junit` writes (components' sel4test results) follows the rules of the JUnit schema
    /// Jenkins' xUnit plugin validates against, for a system with tests that pass and fail.</summary>
    [Theory]
    [InlineData("components.toml")]
    [InlineData("manifests/test-components.toml")]
    public void The_JUnit_of_a_run_follows_the_schema(string manifest)
    {
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-run-junit-{Guid.NewGuid():N}.xml");
        try
        {
            (_, string output, string error) = Cli.Run("run", "--manifest", Path.Combine(RepositoryPaths.Root, manifest), "--junit", junit);
            Assert.True(File.Exists(junit), output + error);
            Assert.Empty(JUnitSchemaRules.Violations(System.Xml.Linq.XDocument.Load(junit)));
        }
        finally
        {
            File.Delete(junit);
        }
    }

    [Fact]
    public void A_run_whose_components_fail_exits_1_and_so_do_its_replay_and_its_exploration()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-run-{Guid.NewGuid():N}.toml");
        string trace = Path.ChangeExtension(file, ".json");
        try
        {
            File.WriteAllText(file, File.ReadAllText(RepositoryManifest()).Replace("binary = \"ipc_producer\"", "binary = \"test_fault\""));
            (int code, string output, _) = Cli.Run("run", "--manifest", file, "--trace", trace);
            Assert.Equal(1, code);
            Assert.Contains("[system_init] faulted ipc_producer: VmFault", output);
            Assert.Contains("shut down with exit code 1", output);
            Assert.StartsWith("verdict: failed: the system shut down with exit code 1", FailureReportTests.LastLine(output));
            // The replay reproduces the failure (it once exited 0: a shutdown with exit code 1 counted as passed).
            (int replayed, string replay, string replayError) = Cli.Run("replay", trace);
            Assert.True(replayed == 1, replay + replayError);
            Assert.Contains("outcome: SystemFailed: the system shut down with exit code 1", replay);
            Assert.StartsWith("verdict: failed: the system shut down with exit code 1", FailureReportTests.LastLine(replay));
            // So does exploring it: every schedule shuts down with exit code 1, which is a bug, not a pass.
            (int explored, string exploration, string explorationError) = Cli.Run("explore", "system:" + file, "--iterations", "3", "--out", trace);
            Assert.True(explored == 1, exploration + explorationError);
            Assert.Contains("BUG in schedule 0: SystemFailed: the system shut down with exit code 1", exploration);
        }
        finally
        {
            File.Delete(file);
            File.Delete(trace);
        }
    }

    [Fact]
    public void An_invalid_manifest_exits_2_with_every_problem()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-run-{Guid.NewGuid():N}.toml");
        try
        {
            File.WriteAllText(file, File.ReadAllText(RepositoryManifest()).Replace("binary = \"ipc_consumer\"", "binary = \"ipc_consumr\""));
            (int code, _, string error) = Cli.Run("run", "--manifest", file);
            Assert.Equal(2, code);
            Assert.Contains("error: unknown binary \"ipc_consumr\"; did you mean 'ipc_consumer'?", error);
        }
        finally
        {
            File.Delete(file);
        }
        string tooBig = Path.Combine(Path.GetTempPath(), $"kaal-run-{Guid.NewGuid():N}.toml");
        try
        {
            // Valid, but system_init's budget cannot be carved from the machine's memory: a set-up error, not a crash.
            File.WriteAllText(tooBig, File.ReadAllText(RepositoryManifest()).Replace("\"memory:allocate:16M\"", "\"memory:allocate:256M\""));
            (int code, _, string error) = Cli.Run("run", "--manifest", tooBig);
            Assert.Equal(2, code);
            Assert.Contains("error: the system could not be set up: the root task failed: system_init: process untyped: NotEnoughMemory (UntypedExhausted)", error);
        }
        finally
        {
            File.Delete(tooBig);
        }
        (int missing, _, string missingError) = Cli.Run("run", "--manifest", "/no/such/components.toml");
        Assert.Equal(2, missing);
        Assert.Contains("manifest '/no/such/components.toml' does not exist", missingError);
        (int directory, _, string directoryError) = Cli.Run("run", "--manifest", Path.GetTempPath());
        Assert.Equal(2, directory);
        Assert.Contains("it is a directory, not a file", directoryError);
    }

    /// <summary>A chain of 18,000 dependencies once overflowed the stack (exit 134); now the manifest is refused for
    /// what it is, more components than a system boots.</summary>
    [Fact]
    public void An_18000_deep_dependency_chain_is_a_problem_not_a_crash()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kaal-run-{Guid.NewGuid():N}.toml");
        var text = new System.Text.StringBuilder(File.ReadAllText(RepositoryManifest()));
        for (int i = 0; i < 18_000; i++)
            text.Append($"\n[[component]]\nname = \"c{i}\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\ndependencies = [\"c{i + 1}\"]\n");
        text.Append("\n[[component]]\nname = \"c18000\"\nbinary = \"ipc_producer\"\ntype = \"application\"\npriority = 1\n");
        try
        {
            File.WriteAllText(file, text.ToString());
            (int code, _, string error) = Cli.Run("run", "--manifest", file);
            Assert.Equal(2, code);
            Assert.Contains("this is component 65 of 18006: a system has at most 64 components", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_test_components_results_are_written_as_junit()
    {
        string manifest = Path.Combine(Path.GetDirectoryName(RepositoryManifest())!, "manifests", "test-components.toml");
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-run-{Guid.NewGuid():N}.xml");
        try
        {
            (int code, string output, _) = Cli.Run("run", "--manifest", manifest, "--junit", junit);
            Assert.True(code == 0, output); // test_fault is given up on: exit code 1, which the manifest's exit_code expects
            Assert.Contains("tests: 8 of 8 tests passed in 3 component(s)", output);
            var document = System.Xml.Linq.XDocument.Load(junit);
            var cases = document.Descendants("testcase").ToList();
            Assert.Equal(8, cases.Count);
            Assert.Contains(cases, test => (string?)test.Attribute("name") == "test_cap/CAP_REVOKE");
            Assert.DoesNotContain(cases, test => test.Element("failure") is not null);
        }
        finally
        {
            File.Delete(junit);
        }
    }
}
