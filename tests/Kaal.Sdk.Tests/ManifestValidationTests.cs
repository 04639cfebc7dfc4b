using Kaal.Tests.Shared;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>One test per schema and validation rule, each with the exact position of the problem.
/// Components appended to <see cref="ManifestText.SystemInit"/> start at line 8.</summary>
public sealed class ManifestValidationTests
{
    internal static string Driver(string name, string capabilities, string extra = "") => $"""
        [[component]]
        name = "{name}"
        binary = "serial_driver"
        type = "driver"
        priority = 200
        capabilities = [{capabilities}]
        {extra}

        """;

    [Fact]
    public void The_repository_components_toml_validates_clean()
    {
        string directory = RepositoryPaths.Root;
        (SystemManifest manifest, var problems) = ManifestChecker.CheckFile(Path.Combine(directory, "components.toml"), TestBinaries.Repository);
        Assert.Empty(problems);
        Assert.Equal(new[] { "system_init", "serial_driver", "timer_driver", "ipc_producer", "ipc_consumer" }, manifest.Components.Select(component => component.Name));
        ComponentSpec serial = manifest.Components[1];
        Assert.Contains(new MemoryMapCapability(0x0900_0000, 0x1000, "memory_map:0x0900_0000:0x1000", serial.Capabilities[0].Location), serial.Capabilities);
        Assert.IsType<InterruptCapability>(serial.Capabilities[1]);
        Assert.Equal(33u, ((InterruptCapability)serial.Capabilities[1]).Irq);
        Assert.True(manifest.Components.Where(c => c.Type == ComponentType.Driver).Min(c => c.Priority) > manifest.Components.Where(c => c.Type == ComponentType.Application).Max(c => c.Priority));
    }

    /// <summary>manifests/consumer-crash.toml is components.toml with the crashing consumer: below its own header comment,
    /// the same text but for that one binary, so the two cannot drift apart.</summary>
    [Fact]
    public void The_consumer_crash_manifest_is_components_toml_with_the_crashing_consumer()
    {
        string directory = RepositoryPaths.Root;
        static string Body(string path) => string.Join("\n", File.ReadAllLines(path).SkipWhile(line => line.StartsWith('#')));
        string crash = Path.Combine(directory, "manifests", "consumer-crash.toml");
        Assert.Empty(ManifestChecker.CheckFile(crash, TestBinaries.Repository).Problems);
        Assert.Equal(Body(Path.Combine(directory, "components.toml")).Replace("binary = \"ipc_consumer\"", "binary = \"ipc_consumer_crash\""), Body(crash));
    }

    /// <summary>manifests/raspi3b.toml and raspi4b.toml mirror components.toml: each validates, and apart from the platform
    /// and the drivers' device pages and lines (raspi3b: the PL011 at 0x3F20_1000 on GPU line 57, the physical timer on
    /// line 65; raspi4b: the PL011 at 0xFE20_1000 on INTID 153, the timer on 30 as on virt) every component is the same.</summary>
    [Theory]
    [InlineData("raspi3b", Platform.QemuRaspi3b, "memory_map:0x3F20_1000:0x1000", "interrupt:57", "interrupt:65")]
    [InlineData("raspi4b", Platform.QemuRaspi4b, "memory_map:0xFE20_1000:0x1000", "interrupt:153", "interrupt:30")]
    public void A_boards_manifest_validates_clean_and_differs_from_components_toml_only_in_the_board(string name, Platform platform,
        string uartPage, string uartLine, string timerLine)
    {
        string directory = RepositoryPaths.Root;
        (SystemManifest board, var problems) = ManifestChecker.CheckFile(Path.Combine(directory, "manifests", $"{name}.toml"), TestBinaries.Repository);
        (SystemManifest virt, _) = ManifestChecker.CheckFile(Path.Combine(directory, "components.toml"), TestBinaries.Repository);
        Assert.Empty(problems);
        Assert.Equal(platform, board.System.Platform);
        Assert.Equal(virt.System.MemoryBytes, board.System.MemoryBytes);
        static string[] Hardware(ComponentSpec component) =>
            component.Capabilities.Where(capability => capability is MemoryMapCapability or InterruptCapability).Select(capability => capability.Text).ToArray();
        static object Portable(ComponentSpec component) => (component.Name, component.Binary, component.Type, component.Priority, component.Autostart,
            component.SpawnedBy, component.Restart, component.RestartLimit, component.BackoffMs, string.Join(",", component.Dependencies.Select(dependency => dependency.Name)),
            string.Join(",", component.Capabilities.Where(capability => capability is not (MemoryMapCapability or InterruptCapability)).Select(capability => capability.Text)));
        Assert.Equal(virt.Components.Select(Portable), board.Components.Select(Portable));
        Assert.Equal(new[] { uartPage, uartLine }, Hardware(board.Components.Single(component => component.Name == "serial_driver")));
        Assert.Equal(new[] { timerLine }, Hardware(board.Components.Single(component => component.Name == "timer_driver")));
    }

    [Fact]
    public void A_small_valid_manifest_has_no_problems() => Assert.Empty(Check(SystemInit + Driver("uart", "\"memory_map:0x09000000:4K\", \"interrupt:33\"")));

    [Fact]
    public void Unknown_key_suggests_the_nearest() =>
        AssertSingle(SystemInit.Replace("priority = 250", "prioirty = 250\npriority = 250"), 5, 1, "unknown key 'prioirty' in [[component]]; did you mean 'priority'?");

    /// <summary>A misspelt required key is one problem, the unknown key with its did-you-mean; not also "missing".</summary>
    [Fact]
    public void A_misspelt_required_key_is_one_problem() =>
        AssertSingle(SystemInit.Replace("priority = 250", "priorty = 250"), 5, 1, "unknown key 'priorty' in [[component]]; did you mean 'priority'?");

    [Fact]
    public void Unknown_top_level_key_and_system_key() =>
        Assert.Equal(new[] { "1:1: unknown key 'sytem' at the top level; did you mean 'system'?", "3:1: unknown key 'memroy' in [system]; did you mean 'memory'?" },
            Lines("sytem = 1\n[system]\nmemroy = \"64M\"\n" + SystemInit.Replace("[[component]]", "\n[[component]]")).Select(line => line.Split(" (known")[0]));

    [Theory]
    [InlineData("exit_code = 256", 2, 13, "exit_code must be from 0 to 255, got 256")]
    [InlineData("exit_code = -1", 2, 13, "exit_code must be from 0 to 255, got -1")]
    [InlineData("exit_code = \"1\"", 2, 13, "exit_code must be an integer from 0 to 255, got string \"1\"")]
    public void An_expected_exit_code_outside_a_process_exit_code_is_refused_where_it_is(string entry, int line, int column, string message) =>
        AssertSingle($"[system]\n{entry}\n\n" + SystemInit, line, column, message);

    [Fact]
    public void The_expected_exit_code_is_read_and_defaults_to_zero()
    {
        Assert.Equal(3UL, ManifestChecker.Check("[system]\nexit_code = 3\n\n" + SystemInit, FileName, TestBinaries.Undemanding).Manifest.System.ExpectedExitCode);
        Assert.Equal(0UL, ManifestChecker.Check(SystemInit, FileName, TestBinaries.Undemanding).Manifest.System.ExpectedExitCode);
    }

    [Fact]
    public void Wrong_value_type_names_the_type_and_value() =>
        AssertSingle(SystemInit.Replace("priority = 250", "priority = \"high\""), 5, 12, "priority must be an integer, got string \"high\"");

    [Fact]
    public void Wrong_enumeration_value_suggests_the_nearest() =>
        AssertSingle(SystemInit.Replace("type = \"service\"", "type = \"servise\""), 4, 8, "type must be one of \"driver\", \"service\", \"application\", got \"servise\"; did you mean 'service'?");

    [Fact]
    public void Missing_required_key_points_at_the_component_header() =>
        AssertSingle(SystemInit.Replace("binary = \"system_init\"\n", ""), 1, 1, "component 'system_init' is missing the required key 'binary'");

    [Fact]
    public void Duplicate_component_names() =>
        AssertSingle(SystemInit + Driver("uart", "") + Driver("uart", ""), 16, 8, "duplicate component name 'uart' (first defined at line 9)");

    [Fact]
    public void Unknown_binary_suggests_the_nearest() =>
        AssertSingle(SystemInit.Replace("binary = \"system_init\"", "binary = \"system-init\""), 3, 10, "unknown binary \"system-init\"; did you mean 'system_init'?");

    [Fact]
    public void Unknown_binary_uses_the_callers_registry()
    {
        var problems = ManifestChecker.Check(SystemInit, FileName, new Kaal.Sdk.Discovery.ComponentSet(TestBinaries.Undemanding.All.Where(component => component.Binary != "system_init"))).Problems;
        Assert.Contains("unknown binary \"system_init\"", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("\"memory_map:0x09000000\"", 13, 18, "expected memory_map:ADDR:SIZE")]
    [InlineData("\"memory_map:0x0900zz00:4096\"", 13, 29, "the address '0x0900zz00' is not a hexadecimal number")]
    [InlineData("\"memory_map:0x09000000:lots\"", 13, 40, "the size 'lots' is not a size")]
    [InlineData("\"memory_map:0x09000004:4096\"", 13, 29, "the address 0x9000004 is not page aligned")]
    [InlineData("\"memory_map:0x09000000:100\"", 13, 40, "the size 0x64 is not a multiple of the page size")]
    [InlineData("\"memory_map:0xFFFFFFFFFFFFF000:8K\"", 13, 48, "runs past the end of the address space")]
    [InlineData("\"interrupt:irq\"", 13, 28, "the IRQ 'irq' is not a decimal number")]
    [InlineData("\"interrupt:1020\"", 13, 28, "IRQ 1020 is above 1019, the last interrupt line of any platform")]
    [InlineData("\"ipc:numbers\"", 13, 22, "expected a role after the name: ipc:numbers:ROLE")]
    [InlineData("\"ipc:numbers:sender\"", 13, 30, "unknown role 'sender'")]
    [InlineData("\"ipc:*\"", 13, 22, "wildcards are not capabilities")]
    [InlineData("\"process:kill\"", 13, 26, "unknown process right 'kill'")]
    [InlineData("\"memory:allocate:1000\"", 13, 34, "the budget must be a non-zero multiple of the page size")]
    [InlineData("\"memroy_map:0x0:4K\"", 13, 18, "unknown capability kind 'memroy_map'; did you mean 'memory_map'?")]
    public void Bad_capability_syntax_points_inside_the_string(string capability, int line, int column, string message) =>
        AssertSingle(SystemInit + Driver("uart", capability), line, column, message);

    /// <summary>Which lines a driver may claim is the platform's: GIC numbering on virt, BCM2835 lines (and the physical
    /// timer's local source) on raspi3b, where the GPU lines 0-15 are real devices (the system timer among them).</summary>
    [Theory]
    [InlineData("qemu-virt", 33, null)]
    [InlineData("qemu-virt", 5, "IRQ 5 is not a device interrupt line on qemu-virt: drivers may claim 16..1019 (0-15 are software-generated interrupts)")]
    [InlineData("qemu-raspi3b", 1, null)]
    [InlineData("qemu-raspi3b", 57, null)]
    [InlineData("qemu-raspi3b", 65, null)]
    [InlineData("qemu-raspi3b", 64, "IRQ 64 is not a device interrupt line on qemu-raspi3b: drivers may claim 0..63 (BCM2835 GPU lines) and 65 (the EL1 physical timer)")]
    [InlineData("qemu-raspi3b", 100, "IRQ 100 is not a device interrupt line on qemu-raspi3b")]
    public void Interrupt_lines_are_checked_against_the_platform(string platform, int irq, string? problem)
    {
        string text = $"[system]\nplatform = \"{platform}\"\n\n" + SystemInit + Driver("uart", $"\"interrupt:{irq}\"");
        IReadOnlyList<ManifestProblem> problems = Check(text);
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problem, Assert.Single(problems).Message);
    }

    [Fact]
    public void Capability_strings_become_typed_values()
    {
        (SystemManifest manifest, var problems) = ManifestChecker.Check(SystemInit + Driver("uart", "\"memory_map:0x0900_0000:0x2000\", \"interrupt:33\", \"memory:allocate:2M\", \"memory:allocate\", \"process:destroy\""), FileName, TestBinaries.Undemanding);
        Assert.Empty(problems);
        var capabilities = manifest.Components[1].Capabilities;
        Assert.Equal((0x0900_0000UL, 0x2000UL), (((MemoryMapCapability)capabilities[0]).Address, ((MemoryMapCapability)capabilities[0]).Size));
        Assert.Equal(2UL << 20, ((MemoryAllocateCapability)capabilities[2]).Bytes);
        Assert.Equal(MemoryAllocateCapability.DefaultBytes, ((MemoryAllocateCapability)capabilities[3]).Bytes);
        Assert.IsType<ProcessDestroyCapability>(capabilities[4]);
    }

    [Theory]
    [InlineData("256", "priority 256 is out of range 0..255")]
    [InlineData("-1", "priority -1 is out of range 0..255")]
    public void Priority_out_of_range(string priority, string message) =>
        AssertSingle(SystemInit.Replace("priority = 250", $"priority = {priority}"), 5, 12, message);

    [Fact]
    public void Overlapping_mmio_regions_between_components() =>
        AssertSingle(SystemInit + Driver("uart", "\"memory_map:0x09000000:0x2000\"") + Driver("gpio", "\"memory_map:0x09001000:0x1000\""), 20, 17,
            "memory_map 0x9001000..0x9002000 overlaps 0x9000000..0x9002000 of 'uart' (line 13)");

    [Fact]
    public void Mmio_region_inside_ram() =>
        AssertSingle(SystemInit + Driver("uart", "\"memory_map:0x40000000:4K\""), 13, 17, "overlaps RAM 0x40000000..0x48000000");

    [Fact]
    public void Two_drivers_claiming_one_irq() =>
        AssertSingle(SystemInit + Driver("uart", "\"interrupt:33\"") + Driver("uart2", "\"interrupt:33\""), 20, 17, "IRQ 33 is already claimed by 'uart' (line 13)");

    [Fact]
    public void Hardware_capabilities_only_for_drivers() =>
        AssertSingle(SystemInit.Replace("[\"process:create\"]", "[\"process:create\", \"interrupt:40\"]"), 7, 35, "'system_init' is a service, but only drivers may hold hardware capabilities");

    [Fact]
    public void Dependency_cycle_is_printed() =>
        AssertSingle(SystemInit + Driver("a", "", "dependencies = [\"b\"]") + Driver("b", "", "dependencies = [\"c\"]") + Driver("c", "", "dependencies = [\"a\"]"), 28, 17,
            "dependency cycle: a -> b -> c -> a");

    [Fact]
    public void Dependency_on_itself_is_a_cycle() =>
        AssertSingle(SystemInit + Driver("a", "", "dependencies = [\"a\"]"), 14, 17, "dependency cycle: a -> a");

    [Fact]
    public void Dependency_on_a_component_that_is_never_started() =>
        AssertSingle(SystemInit + Driver("a", "", "autostart = false") + Driver("b", "", "dependencies = [\"a\"]"), 21, 17,
            "'b' depends on 'a', which is never started: autostart = false");

    [Fact]
    public void Dependency_on_an_unknown_component() =>
        AssertSingle(SystemInit + Driver("uart", "") + Driver("b", "", "dependencies = [\"uatr\"]"), 21, 17, "'b' depends on 'uatr', which is not a component; did you mean 'uart'?");

    [Fact]
    public void Components_spawned_by_a_missing_system_init() =>
        AssertSingle(Driver("uart", ""), 1, 1, "'uart' is spawned by system_init, which is not a component of this manifest");

    [Fact]
    public void System_init_without_process_create_cannot_spawn() =>
        AssertSingle(SystemInit.Replace("[\"process:create\"]", "[]") + Driver("uart", ""), 7, 16, "system_init spawns 'uart' but lacks the capability \"process:create\"");

    [Fact]
    public void Channel_needs_both_ends_and_only_one_of_each() =>
        Assert.Equal(new[] { "13:17: 'numbers' has a producer ('a') but no consumer: no component lists \"ipc:numbers:consumer\"", "20:17: 'numbers' already has a producer, 'a' (line 13); a channel is single-producer single-consumer" },
            Lines(SystemInit + Driver("a", "\"ipc:numbers:producer\"") + Driver("b", "\"ipc:numbers:producer\"")));

    /// <summary>A writer is an endpoint end like a client (docs/hot-reload.md, "fs API"): it needs a server.</summary>
    [Fact]
    public void A_writer_needs_a_server() =>
        Assert.Equal(new[] { "13:17: 'fs' has a writer ('a') but no server: no component lists \"ipc:fs:server\"" },
            Lines(SystemInit + Driver("a", "\"ipc:fs:writer\"")));

    [Fact]
    public void A_writer_cannot_be_an_end_of_a_channel() =>
        Assert.Contains("20:17: 'numbers' is a channel (producer/consumer) in 'a' (line 13), so 'b' cannot be its writer",
            Lines(SystemInit + Driver("a", "\"ipc:numbers:producer\"") + Driver("b", "\"ipc:numbers:writer\"")));

    [Fact]
    public void Restart_policy_rules() =>
        Assert.Equal(new[] { "8:11: 'system_init' is spawned by root, which does not supervise: restart must be \"never\" (system_init restarts only what it spawned)", "17:17: restart_limit has no effect with restart = \"never\" (set restart = \"on-failure\" or \"always\", or remove it)" },
            Lines(SystemInit + "restart = \"always\"\n\n" + Driver("a", "", "restart = \"never\"\nrestart_limit = 4")));

    /// <summary>Every problem at once, in the order they are caused: syntax (a duplicate key), the tables' keys and values (a capability string),
    /// then the rules across components; each group by position.</summary>
    [Fact]
    public void Every_problem_is_reported_in_one_run()
    {
        var lines = Lines(SystemInit.Replace("priority = 250", "priority = 999") + Driver("a", "\"interrupt:33\"", "dependencies = [\"a\"]") + Driver("a", "\"interrupt:33\", \"bogus\"", "type = 5"));
        Assert.Equal(new[] { "21:1", "20:34", "5:12", "14:17", "16:8", "20:17" }, lines.Select(line => string.Join(':', line.Split(':').Take(2))));
    }
}
