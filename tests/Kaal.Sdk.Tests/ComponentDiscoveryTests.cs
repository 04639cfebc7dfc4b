using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Components declare themselves ([KaalComponent]); discovery finds them in the assemblies it is given and
/// refuses declarations that cannot work; the validator checks a manifest against what the binaries declare.</summary>
public sealed class ComponentDiscoveryTests
{
    [Fact]
    public void Every_repository_component_is_found_with_its_declaration()
    {
        ComponentSet set = TestBinaries.Repository;
        Assert.Equal(new[] { "consumer_v2_crashing", "consumer_v2_forgetful", "fs", "fs_probe", "fs_silent", "hot_reload_consumer", "hot_reload_consumer_v2", "hot_reload_reloader",
            "ipc_consumer", "ipc_consumer_crash", "ipc_producer", "reload_echo", "reload_echo_client", "reload_echo_reloader", "reload_echo_v2", "reloader_forgetful", "reloader_rollback", "serial_driver", "state_carrier", "state_carrier_v2", "state_reloader", "system_init", "test_cap", "test_channel_stress", "test_fault", "test_memory",
            "test_planted_assert", "test_planted_deadlock", "test_planted_liveness", "timer_driver" },
            set.All.Select(component => component.Binary));
        DiscoveredComponent timer = set.Find("timer_driver")!;
        Assert.Equal(ComponentType.Driver, timer.Type);
        Assert.Equal("1.0.0", timer.Version);
        Assert.Equal(new[] { "interrupt", "ipc:timer:server" }, timer.Expects.Select(expected => expected.Text));
        Assert.Equal("Kaal.Components.Drivers.TimerDriver in Kaal.Components", timer.Source);
        Assert.IsType<Kaal.Components.Drivers.TimerDriver>(timer.Create());
        // Not inherited: the crashing consumer is its own binary, and its base stays ipc_consumer.
        Assert.IsType<Kaal.Components.Applications.CrashingIpcConsumer>(set.Find("ipc_consumer_crash")!.Create());
        Assert.IsType<Kaal.Components.Applications.IpcConsumer>(set.Find("ipc_consumer")!.Create());
        // A new version names the binary it replaces (docs/hot-reload.md); a binary of its own names none.
        Assert.Equal("hot_reload_consumer", set.Find("hot_reload_consumer_v2")!.Replaces);
        Assert.Null(set.Find("hot_reload_consumer")!.Replaces);
    }

    [Fact]
    public void Unusable_declarations_are_refused_all_at_once_naming_each_type()
    {
        ComponentDeclarationException error = Assert.Throws<ComponentDeclarationException>(() => ComponentDiscovery.FromAssemblies(typeof(ComponentDiscoveryTests).Assembly));
        string message = error.Message;
        Assert.Contains("Kaal.Sdk.Tests.NotAComponent in Kaal.Sdk.Tests: [KaalComponent(\"not_a_component\")] is on a type that does not derive from Kaal.Sdk.Runtime.Component", message);
        Assert.Contains("Kaal.Sdk.Tests.AbstractComponent in Kaal.Sdk.Tests: [KaalComponent(\"abstract_one\")] is on an abstract type", message);
        Assert.Contains("Kaal.Sdk.Tests.NeedsArguments in Kaal.Sdk.Tests: a component needs to be public with a public parameterless constructor", message);
        Assert.Contains("Kaal.Sdk.Tests.BadName in Kaal.Sdk.Tests: binary name \"Bad-Name\" must be a lower-case letter", message);
        Assert.Contains("Kaal.Sdk.Tests.BadExpectation in Kaal.Sdk.Tests: Expects: capability \"ipc:numbers\": expected a role after the name", message);
        Assert.Contains("Kaal.Sdk.Tests.BadLabelName in Kaal.Sdk.Tests: [KaalMessageLabel(1, \"Put it\")]: the name must be a C# identifier", message);
        Assert.Contains("Kaal.Sdk.Tests.LabelNamedTwice in Kaal.Sdk.Tests: label 1 is named twice: \"Get\" and \"Put\"", message);
        Assert.Contains("Kaal.Sdk.Tests.ReplacesItself in Kaal.Sdk.Tests: Replaces = \"replaces_itself\" must name another binary", message);
        Assert.Equal(8, error.Problems.Count);
    }

    [Fact]
    public void Declared_message_labels_are_named_by_type_beside_the_sdks_and_unknown_ones_are_not()
    {
        DiscoveredComponent Declared(string binary, System.Type type, params DeclaredMessageLabel[] labels) =>
            new(binary, ComponentType.Service, "1.0.0", "", [], type.FullName!, "Somewhere", () => new DuplicateOne(), type, labels);
        var set = new ComponentSet([
            Declared("a_store", typeof(NotAComponent), new DeclaredMessageLabel(1, "Put", false), new DeclaredMessageLabel(0, "Ok", true)),
            Declared("b_store", typeof(AbstractComponent), new DeclaredMessageLabel(1, "Write", false))]);
        Assert.Equal("NotAComponent.Put|AbstractComponent.Write", set.MessageLabels.Find(1, reply: false));
        Assert.Equal("NotAComponent.Ok", set.MessageLabels.Find(0, reply: true));
        Assert.Equal("Protocol.Ready", set.MessageLabels.Find(Protocol.ReadyLabel, reply: false));
        Assert.Equal("Protocol.ConsoleWrite[5 bytes]", set.MessageLabels.Find(Protocol.ConsoleWriteLabel + 5, reply: false));
        Assert.Null(set.MessageLabels.Find(2, reply: false));
        Assert.Null(set.MessageLabels.Find(0, reply: false));
    }

    [Fact]
    public void Two_declarations_of_one_binary_are_refused_naming_both()
    {
        DiscoveredComponent Declared(string type) => new("twice", ComponentType.Service, "1.0.0", "", [], type, "Somewhere", () => new DuplicateOne());
        ComponentDeclarationException error = Assert.Throws<ComponentDeclarationException>(() => new ComponentSet([Declared("A"), Declared("B")]));
        Assert.Contains("binary 'twice' is declared twice: by A in Somewhere and by B in Somewhere", error.Message);
    }

    [Fact]
    public void An_unknown_binary_lists_what_is_known_and_how_to_add_one()
    {
        ManifestProblem problem = Assert.Single(ManifestChecker.Check(ManifestText.SystemInit.Replace("binary = \"system_init\"", "binary = \"kv_store\""), ManifestText.FileName, TestBinaries.Undemanding).Problems);
        Assert.Equal(3, problem.Location.Line);
        Assert.Equal(10, problem.Location.Column);
        Assert.Contains("unknown binary \"kv_store\" (known: consumer_v2_crashing, consumer_v2_forgetful, fs, fs_probe, fs_silent, hot_reload_consumer, hot_reload_consumer_v2, hot_reload_reloader, ipc_consumer, ipc_consumer_crash, ipc_producer, reload_echo, reload_echo_client, reload_echo_reloader, reload_echo_v2, reloader_forgetful, reloader_rollback, serial_driver, state_carrier, state_carrier_v2, state_reloader, system_init, test_cap, test_channel_stress, test_fault, test_memory, test_planted_assert, test_planted_deadlock, test_planted_liveness, timer_driver (declared in Kaal.Components))", problem.Message);
        Assert.Contains("to add one, put [KaalComponent(\"NAME\", ComponentType.Service, \"1.0.0\")] on a Component subclass", problem.Message);
        Assert.Contains("--assembly PATH", problem.Message);
    }

    [Fact]
    public void A_manifest_granting_less_than_a_binary_expects_is_reported_at_its_capabilities()
    {
        string text = ManifestText.SystemInit + """
            [[component]]
            name = "clock"
            binary = "timer_driver"
            type = "driver"
            priority = 190
            capabilities = ["interrupt:30", "ipc:timer:client"]

            """;
        // system_init (lines 1-7) grants what it needs here: the set's expectations are the repository's own.
        string manifest = text.Replace("capabilities = [\"process:create\"]", "capabilities = [\"process:create\", \"memory:allocate:1M\"]");
        var problems = ManifestChecker.Check(manifest, ManifestText.FileName, TestBinaries.Repository).Problems
            .Where(problem => problem.Message.Contains("grants less")).ToList();
        ManifestProblem problem = Assert.Single(problems);
        Assert.Equal((13, 16), (problem.Location.Line, problem.Location.Column));
        Assert.Equal("'clock' grants less than binary timer_driver expects: nothing in its capabilities grants \"ipc:timer:server\" (declared by Kaal.Components.Drivers.TimerDriver in Kaal.Components)", problem.Message);
    }

    [Fact]
    public void A_manifest_type_other_than_the_declared_one_is_reported_at_the_type()
    {
        ManifestProblem problem = Assert.Single(ManifestChecker.Check(ManifestText.SystemInit.Replace("type = \"service\"", "type = \"application\""), ManifestText.FileName, TestBinaries.Undemanding).Problems);
        Assert.Equal((4, 8), (problem.Location.Line, problem.Location.Column));
        Assert.Contains("'system_init' is an application, but binary system_init (Kaal.Components.Supervision.SystemInit in Kaal.Components) is declared a service", problem.Message);
    }

    [Theory]
    [InlineData("interrupt", "interrupt:33", true)]
    [InlineData("interrupt:30", "interrupt:33", false)]
    [InlineData("memory_map", "memory_map:0x9000000:0x2000", true)]
    [InlineData("memory_map:0x9001000:0x1000", "memory_map:0x9000000:0x2000", true)]
    [InlineData("memory_map:0x9001000:0x2000", "memory_map:0x9000000:0x2000", false)]
    [InlineData("memory:allocate", "memory:allocate:4K", true)]
    [InlineData("memory:allocate:64K", "memory:allocate:32K,memory:allocate:32K", true)]
    [InlineData("memory:allocate:64K", "memory:allocate:60K", false)]
    [InlineData("ipc:numbers:producer", "ipc:numbers:consumer", false)]
    [InlineData("ipc:numbers:producer", "ipc:numbers:producer", true)]
    [InlineData("ipc:fs:client", "ipc:fs:writer", true)]
    [InlineData("ipc:fs:writer", "ipc:fs:client", false)]
    [InlineData("system:shutdown", "process:create", false)]
    public void An_expectation_is_granted_by_capabilities_of_its_kind_and_extent(string expectation, string granted, bool expected)
    {
        var problems = new List<ManifestProblem>();
        List<ManifestCapability> capabilities = granted.Split(',').Select(text => CapabilityParser.Parse(text, new SourceLocation("t", 1, 1), problems)!).ToList();
        Assert.Empty(problems);
        Assert.Equal(expected, ExpectedCapability.Parse(expectation, out string? error)!.IsGrantedBy(capabilities));
        Assert.Null(error);
    }
}

// Declarations discovery must refuse, one per rule (the test above discovers this assembly).
[KaalComponent("not_a_component", ComponentType.Service, "1.0.0")]
public sealed class NotAComponent;

[KaalComponent("abstract_one", ComponentType.Service, "1.0.0")]
public abstract class AbstractComponent : Component;

[KaalComponent("needs_arguments", ComponentType.Service, "1.0.0")]
public sealed class NeedsArguments(int value) : Component
{
    public override Task RunAsync() => Task.FromResult(value);
}

[KaalComponent("Bad-Name", ComponentType.Service, "1.0.0")]
public sealed class BadName : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}

[KaalComponent("replaces_itself", ComponentType.Service, "2.0.0", Replaces = "replaces_itself")]
public sealed class ReplacesItself : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}

[KaalComponent("bad_expectation", ComponentType.Service, "1.0.0", Expects = ["ipc:numbers"])]
public sealed class BadExpectation : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}

public sealed class DuplicateOne : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}

[KaalComponent("bad_label_name", ComponentType.Service, "1.0.0")]
[KaalMessageLabel(1, "Put it")]
public sealed class BadLabelName : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}

[KaalComponent("label_named_twice", ComponentType.Service, "1.0.0")]
[KaalMessageLabel(1, "Put")]
[KaalMessageLabel(1, "Get")]
public sealed class LabelNamedTwice : Component
{
    public override Task RunAsync() => Task.CompletedTask;
}
