using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications;

/// <summary>ipc_consumer whose first incarnation faults after item 7.</summary>
[KaalComponent("ipc_consumer_crash", ComponentType.Application, "1.0.0", Description = "ipc_consumer that faults once after item 7",
    Expects = ["ipc:numbers:consumer"])]
public sealed class CrashingIpcConsumer : IpcConsumer
{
    public const uint CrashItem = 7;

    protected override uint CrashAfterItem => CrashItem;
}
