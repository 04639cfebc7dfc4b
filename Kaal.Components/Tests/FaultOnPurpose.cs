using System.Threading.Tasks;
using Kaal.Components.Applications;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Tests;

/// <summary>test_fault: says so, then loads from an unmapped address. The kernel sends the fault to system_init,
/// which reports it and applies the manifest's restart policy; nothing else is disturbed.</summary>
[KaalComponent("test_fault", ComponentType.Application, "1.0.0", Description = "faults on purpose")]
public sealed class FaultOnPurpose : Component
{
    public override async Task RunAsync()
    {
        await Console.WriteLineAsync($"about to fault (instance {Context.Instance})");
        await Sys.Load(IpcConsumer.CrashAddress);
        await Console.WriteLineAsync("survived a load from an unmapped address");
    }
}
