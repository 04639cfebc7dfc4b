using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal hil run`: exit 0 when the suite passes (with a JUnit file), 1 when it does not, 2 for usage
/// errors that name the offending value, and a clear word about the default system's missing image.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class HilCommandTests(KernelImages images)
{
    [QemuFact]
    public void The_kernel_suite_passes_on_qemu_virt_and_writes_JUnit()
    {
        images.DirectoryOf(KernelImages.SelfTest); // built, so the suite finds its image in the repository
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-cli-junit-{Guid.NewGuid():N}.xml");
        try
        {
            (int code, string output, string error) = Cli.Run("hil", "run", "--target", "qemu-virt", "--suite", "kernel", "--junit", junit, "--timeout", "300");
            Assert.True(code == 0, $"{output}\n{error}");
            Assert.Contains("kaal hil: suite 'kernel' on qemu-virt: PASSED", output);
            Assert.Equal("0", XDocument.Load(junit).Root!.Attribute("failures")!.Value);
            Assert.Empty(JUnitSchemaRules.Violations(XDocument.Load(junit)));
        }
        finally
        {
            File.Delete(junit);
        }
    }

    /// <summary>`--format json`: the suite's outcome, tests and checks as one document on stdout (docs/json.md).</summary>
    [QemuFact]
    public void The_kernel_suite_as_json_gives_its_outcome_and_every_test()
    {
        images.DirectoryOf(KernelImages.SelfTest);
        (int code, string output, string error) = Cli.Run("hil", "run", "--target", "qemu-virt", "--suite", "kernel", "--timeout", "300", "--format", "json");
        Assert.True(code == 0, $"{output}\n{error}");
        DocumentSchema.AssertValid("hil-run", output);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        System.Text.Json.JsonElement suite = document.RootElement;
        Assert.Equal("hil run", suite.GetProperty("command").GetString());
        Assert.Equal("kernel", suite.GetProperty("suite").GetString());
        Assert.Equal("qemu-virt", suite.GetProperty("target").GetString());
        Assert.Equal("Passed", suite.GetProperty("outcome").GetString());
        Assert.True(suite.GetProperty("passed").GetBoolean());
        Assert.Equal(0, suite.GetProperty("exitCode").GetInt32());
        Assert.NotEmpty(suite.GetProperty("tests").EnumerateArray());
        Assert.All(suite.GetProperty("tests").EnumerateArray(), test => Assert.Equal("Passed", test.GetProperty("status").GetString()));
        Assert.Contains("kaal hil: suite 'kernel' on qemu-virt: PASSED", error);
    }

    [Fact]
    public void A_usage_error_found_while_running_gives_its_exit_code_as_the_json_document()
    {
        (int code, string output, string error) = Cli.Run("hil", "run", "--target", "qemu-vert", "--format", "json");
        Assert.Equal(2, code);
        DocumentSchema.AssertValid("hil-run", output);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("unknown target 'qemu-vert'", error);
    }

    [QemuFact]
    public void A_hang_exits_1_and_says_where_the_CPU_was()
    {
        string image = images.ImageOf(KernelImages.HangTest, "kaal.elf");
        (int code, string output, _) = Cli.Run("hil", "run", "--image", image, "--timeout", "10");
        Assert.Equal(1, code);
        Assert.Contains("HANG", output);
        Assert.Contains("hang in test WAITS_FOR_HOST_BYTE: the suite timeout (10 s) ran out", output);
        Assert.Contains("CPU stopped at PC=0x", output);
    }

    /// <summary>A whole system on the CPU: the suite's own checks (the default system's checksum line and summary;
    /// every test component's tests, test_fault given up on after its restart) and the differential check, which
    /// compares every console line with `kaal run` of the same manifest.</summary>
    [QemuTheory]
    [InlineData("default", "components.toml", 0, "powered off with exit code 0")]
    [InlineData("test-components", "manifests/test-components.toml", 1, "8 of 8 tests passed in 3 component(s)")]
    [InlineData("spawn-failure", "manifests/spawn-failure.toml", 1, "powered off with exit code 1")]
    [InlineData("consumer-crash", "manifests/consumer-crash.toml", 0, "powered off with exit code 0")]
    [InlineData("hot-reload", "manifests/hot-reload.toml", 0, "powered off with exit code 0")]
    [InlineData("hot-reload-rollback", "manifests/hot-reload-rollback.toml", 0, "powered off with exit code 0")]
    [InlineData("hot-reload-service", "manifests/hot-reload-service.toml", 0, "powered off with exit code 0")]
    [InlineData("hot-reload-state", "manifests/hot-reload-state.toml", 0, "powered off with exit code 0")]
    public void A_system_suite_passes_on_qemu_virt_and_equals_the_simulator(string suite, string manifest, int exitCode, string summary)
    {
        images.SystemDirectoryOf(suite, images.UserImagePath(), manifest);
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-cli-junit-{Guid.NewGuid():N}.xml");
        try
        {
            (int code, string output, string error) = Cli.Run("hil", "run", "--target", "qemu-virt", "--suite", suite, "--timeout", "120", "--junit", junit);
            Assert.True(code == 0, $"{output}\n{error}");
            Assert.Contains($"kaal hil: suite '{suite}' on qemu-virt: PASSED", output);
            Assert.Contains($"powered off with exit code {exitCode}", output);
            Assert.Contains(summary, output);
            Assert.Contains("differential check: equal: ", output);
            // The suite's own checks are testcases too, so a passing system suite never reports tests="0".
            XDocument report = XDocument.Load(junit);
            Assert.Empty(JUnitSchemaRules.Violations(report));
            string[] checks = report.Descendants("testcase").Select(item => item.Attribute("name")!.Value).Where(name => name.StartsWith("[check] ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(["[check] exit code", "[check] expected line '[system_init] summary: ...'", "[check] console protocol", "[check] differential check"], checks);
        }
        finally
        {
            File.Delete(junit);
        }
    }

    /// <summary>manifests/default-smp2.toml (`[system] cores = 2`, the consumer on core 1) and channel-smp2.toml (the numbers
    /// channel with serial_driver, its producer on core 1), their clients on core 1 printing through serial_driver's console
    /// service on core 0 (a line is answered once written, so it is whole): each suite boots qemu-virt with -smp 2 under multi-threaded TCG unless --smp
    /// gives more, every core comes online, and each component's events equal the two-core simulator's (how components
    /// interleave across cores is not compared).</summary>
    [QemuTheory]
    [InlineData("default-smp2", new string[0], 2, "ipc_consumer", "18 events in 5 components")]
    [InlineData("default-smp2", new[] { "--smp", "4" }, 4, "ipc_consumer", "18 events in 5 components")]
    [InlineData("channel-smp2", new string[0], 2, "ipc_producer", "15 events in 4 components")]
    [InlineData("channel-smp2", new[] { "--smp", "4" }, 4, "ipc_producer", "15 events in 4 components")]
    public void A_two_core_system_runs_on_several_cores_and_equals_the_simulator(string system, string[] smp, int cores, string onCoreOne, string events)
    {
        images.SystemDirectoryOf(system, images.UserImagePath(), $"manifests/{system}.toml");
        string junit = Path.Combine(Path.GetTempPath(), $"kaal-cli-junit-{Guid.NewGuid():N}.xml");
        try
        {
            (int code, string output, string error) = Cli.Run(["hil", "run", "--target", "qemu-virt", "--suite", system, "--timeout", "300", "--junit", junit, .. smp]);
            Assert.True(code == 0, $"{output}\n{error}");
            Assert.Contains($"kaal hil: suite '{system}' on qemu-virt: PASSED", output);
            Assert.Contains($"differential check: equal: {events}", output);
            string transcript = File.ReadAllText(junit);
            Assert.Contains($"kaal: cores online: {cores} of {cores} started", transcript);
            Assert.Contains($"[system_init] spawned {onCoreOne} (priority 100, core 1)", transcript);
        }
        finally
        {
            File.Delete(junit);
        }
    }

    /// <summary>A system placed on more cores than --smp gives is refused before anything boots: its components there could
    /// not be spawned.</summary>
    [Fact]
    public void Fewer_cores_than_the_system_runs_on_are_refused_before_anything_boots()
    {
        (int code, _, string error) = Cli.Run("hil", "run", "--suite", "default-smp2", "--smp", "1");
        Assert.Equal(2, code);
        Assert.Contains("manifests/default-smp2.toml runs on 2 cores ([system] cores), but --smp 1 gives qemu-virt 1", error);
    }

    [QemuTheory]
    [InlineData("raspi3b", "kernel8.img")]
    [InlineData("raspi4b", "kernel8-rpi4.img")]
    public void The_default_suite_on_a_pi_boots_the_boards_image_and_diffs_it_against_the_boards_manifest(string board, string image)
    {
        images.SystemDirectoryOf(board, images.UserImagePath(), $"manifests/{board}.toml");
        (int code, string output, _) = Cli.Run("hil", "run", "--target", $"qemu-{board}", "--suite", "default", "--timeout", "120");
        Assert.True(code == 0, output);
        Assert.Contains($"kaal hil: suite 'default' on qemu-{board}: PASSED", output);
        Assert.Contains($"artifacts{Path.DirectorySeparatorChar}system{Path.DirectorySeparatorChar}{board}{Path.DirectorySeparatorChar}{image}", output);
        Assert.Contains("differential check: equal: 18 events in 5 components", output);
    }

    /// <summary>A system suite compares the console with the simulation of the manifest the image was built from, so an
    /// --image that does not say which manifest that was (no kaal-registry.bin and kaal-user.elf next to it, like the
    /// kernel self-test's image) is refused before anything boots, with what to do instead.</summary>
    [Fact]
    public void An_image_without_its_manifest_is_refused_for_a_system_suite()
    {
        string folder = Directory.CreateTempSubdirectory("kaal-image-").FullName;
        string image = Path.Combine(folder, "kaal.elf");
        File.WriteAllText(image, "an image of unknown origin");
        try
        {
            (int code, string output, string error) = Cli.Run("hil", "run", "--suite", "default", "--image", image, "--no-project");
            Assert.True(code == 2, $"{output}\n{error}");
            Assert.Contains($"error: --image '{image}' has no kaal-registry.bin and kaal-user.elf next to it, so which manifest it was built from is unknown", error);
            Assert.Contains("boot it with --suite kernel, or build it from the manifest (kaal build --target qemu-virt --manifest M", error);
            Assert.Equal("", output); // nothing booted
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>An image whose embedded registry is not the one the suite's manifest gives was built from another manifest:
    /// refused, naming the manifest and how to rebuild.</summary>
    [Fact]
    public void An_image_built_from_another_manifest_is_refused()
    {
        string folder = Directory.CreateTempSubdirectory("kaal-image-").FullName;
        string image = Path.Combine(folder, "kaal.elf");
        File.WriteAllText(image, "a system image");
        File.WriteAllText(Path.Combine(folder, "kaal-user.elf"), "the components' EL0 image");
        File.WriteAllText(Path.Combine(folder, "kaal-registry.bin"), "the registry of some other manifest");
        string manifest = Path.Combine(RepositoryPaths.Root, "components.toml");
        try
        {
            (int code, string output, string error) = Cli.Run("hil", "run", "--manifest", manifest, "--image", image, "--no-project");
            Assert.True(code == 2, $"{output}\n{error}");
            Assert.Contains($"error: --image '{image}' was not built from {manifest} (its kaal-registry.bin does not read: ", error);
            Assert.Contains($"rebuild it from {manifest} (kaal build --target qemu-virt --manifest {manifest})", error);
            Assert.Equal("", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The real case: the default system's image given to the test-components suite.</summary>
    [QemuFact]
    public void The_default_system_s_image_is_refused_for_another_system_suite()
    {
        string image = Path.Combine(images.SystemDirectoryOf("default", images.UserImagePath()), "kaal.elf");
        (int code, _, string error) = Cli.Run("hil", "run", "--suite", "test-components", "--image", image);
        Assert.Equal(2, code);
        Assert.Contains("manifests/test-components.toml (its kaal-registry.bin differs", error);
    }

    /// <summary>The reset command is bounded by --timeout: `sleep 600` is killed (its whole process group) when the suite's
    /// deadline passes, and the run says so with the command's output.</summary>
    [Fact]
    public void A_reset_command_that_sleeps_is_killed_at_the_timeout_and_reported()
    {
        using var board = new FakeBoard();
        string image = Path.Combine(Path.GetTempPath(), $"kaal-reset-{Guid.NewGuid():N}.img");
        File.WriteAllText(image, "a board image");
        try
        {
            (int code, string output, _) = Cli.Run("hil", "run", "--target", $"serial:{board.SocketPath}", "--image", image,
                "--reset-command", "echo relay on; sleep 600", "--timeout", "2");
            Assert.True(code == 1, output);
            Assert.Contains("ERROR", output);
            Assert.Contains("the suite timeout (2 s) ran out while the reset command ran", output);
            Assert.Contains("reset command 'echo relay on; sleep 600' was stopped after", output);
            Assert.Contains("relay on", output);
        }
        finally
        {
            File.Delete(image);
        }
    }

    /// <summary>--manifest from any folder: the suite derived from the manifest checks the image built from it (here
    /// given with --image; tests/Kaal.Packages.Tests has hil run build it in a user's project) and the differential
    /// check compares it with the simulator's run of that manifest.</summary>
    [QemuFact]
    public void A_manifest_names_the_system_to_boot_check_and_compare_with_the_simulator()
    {
        string image = Path.Combine(images.SystemDirectoryOf("default", images.UserImagePath()), "kaal.elf");
        (int code, string output, string error) = Cli.Run("hil", "run", "--manifest", Path.Combine(RepositoryPaths.Root, "components.toml"), "--no-project",
            "--image", image, "--timeout", "120");
        Assert.True(code == 0, $"{output}\n{error}");
        Assert.Contains("kaal hil: suite 'default' on qemu-virt: PASSED", output);
        Assert.Contains("powered off with exit code 0", output);
        Assert.Contains("differential check: equal: 18 events in 5 components", output);
    }

    [Fact]
    public void A_manifest_written_for_another_board_is_refused_before_anything_boots()
    {
        (int code, _, string error) = Cli.Run("hil", "run", "--target", "qemu-raspi3b", "--manifest", Path.Combine(RepositoryPaths.Root, "components.toml"), "--no-project");
        Assert.Equal(2, code);
        Assert.Contains("components.toml is written for qemu-virt (its [system] platform), not --target qemu-raspi3b: boot it with --target qemu-virt", error);
    }

    [Theory]
    [InlineData(new[] { "--manifest", "/no/such/components.toml" }, "--manifest '/no/such/components.toml' does not exist")]
    [InlineData(new[] { "--manifest", "components.toml", "--suite", "default" }, "--manifest and --suite both name the system to boot: give one")]
    [InlineData(new[] { "--target", "qemu-vert" }, "unknown target 'qemu-vert'")]
    [InlineData(new[] { "--suite", "everything" }, "unknown suite 'everything': expected one of kernel, default, channel-smp2, consumer-crash, default-smp2, hot-reload-rollback, hot-reload-service, hot-reload-state, hot-reload, image-path, raspi3b-image-path, raspi3b, raspi4b-image-path, raspi4b, spawn-failure, test-components")]
    [InlineData(new[] { "--cpu", "cortex-a9" }, "unknown CPU 'cortex-a9'")]
    [InlineData(new[] { "--target", "qemu-raspi3b", "--memory-mib", "256" }, "--memory-mib applies to qemu-virt only, not to target 'qemu-raspi3b'")]
    [InlineData(new[] { "--reset-command", "true" }, "--reset-command applies to serial:PATH only")]
    [InlineData(new[] { "--target", "qemu-raspi4b", "--smp", "2" }, "--smp applies to qemu-virt only, not to target 'qemu-raspi4b'")]
    [InlineData(new[] { "--smp", "9" }, "qemu-virt cores (-smp) must be from 1 to 8 (the kernel brings up at most 8), got 9")]
    [InlineData(new[] { "--timeout", "-1" }, "--timeout must be positive, got -1")]
    [InlineData(new[] { "--image", "/no/such/kaal.elf" }, "--image '/no/such/kaal.elf' does not exist")]
    public void Usage_errors_exit_2_and_name_the_value(string[] arguments, string expected)
    {
        (int code, _, string error) = Cli.Run(["hil", "run", .. arguments]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }
}
