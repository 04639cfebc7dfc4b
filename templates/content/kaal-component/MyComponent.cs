using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace KaalSystem;

/// <summary>
/// A component of its own binary, "my_component". Name it in components.toml to start it:
/// <code>
/// [[component]]
/// name = "my_component"
/// binary = "my_component"
/// type = "application"
/// priority = 100
/// capabilities = ["ipc:console:client", "memory:allocate:64K"]
/// dependencies = ["serial_driver"]
/// </code>
/// </summary>
[KaalComponent("my_component", ComponentType.Application, "0.1.0", Description = "says hello")]
public sealed class MyComponent : Component
{
    public override async Task RunAsync()
    {
        await Console.WriteLineAsync("hello from my_component");
    }
}
