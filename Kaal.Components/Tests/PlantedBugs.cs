using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Tests;

/// <summary>test_planted_liveness: a bug planted for the simulator's reports. It owes an answer (liveness monitor
/// "answer-sent" hot), does some work and exits without ever sending it: the monitor is still hot when the system
/// shuts down, and the report must point at the step it went hot.</summary>
[KaalComponent("test_planted_liveness", ComponentType.Application, "1.0.0", Description = "a planted liveness bug: a monitor left hot")]
public sealed class PlantedLivenessBug : Component
{
    public const string Monitor = "answer-sent";

    public override async Task RunAsync()
    {
        Sys.Hot(Monitor);
        await Console.WriteLineAsync("working on the answer");
        for (int round = 0; round < 3; round++) await Sys.Yield();
        await Console.WriteLineAsync("done (the answer was never sent)");
    }
}

/// <summary>test_planted_deadlock: a bug planted for the simulator's reports. Two instances, each serving one
/// endpoint and a client of the other's (`ipc:A:server`, `ipc:B:client` and the other way round), each calls the
/// other before it serves: both wait to send, for good.</summary>
[KaalComponent("test_planted_deadlock", ComponentType.Application, "1.0.0", Description = "a planted deadlock: two of them call each other before serving")]
public sealed class PlantedDeadlock : Component
{
    public override async Task RunAsync()
    {
        ulong peer = 0;
        foreach (ArgEntry entry in Context.Entries)
        {
            if (entry.Kind == ArgKind.Endpoint && entry.Role == (uint)IpcEnd.Client && entry.Name != ConsoleOutput.ServiceName) peer = entry.Cptr;
        }
        if (peer == 0)
        {
            Sys.Fail($"{Context.Name}: no client endpoint (grant ipc:NAME:client)");
            return;
        }
        await Console.WriteLineAsync("calling my peer before serving");
        await Sys.Call(peer, 0);
        await Console.WriteLineAsync("my peer answered");
    }
}

/// <summary>test_planted_assert: a bug planted for the simulator's reports: a check that fails after a few steps.</summary>
[KaalComponent("test_planted_assert", ComponentType.Application, "1.0.0", Description = "a planted assertion that fails")]
public sealed class PlantedAssertion : Component
{
    public override async Task RunAsync()
    {
        int counted = 0;
        for (int round = 0; round < 3; round++)
        {
            await Sys.Yield();
            counted++;
        }
        await Console.WriteLineAsync("counted");
        if (counted != 4) Sys.Fail("counted 3 rounds, expected 4");
    }
}
