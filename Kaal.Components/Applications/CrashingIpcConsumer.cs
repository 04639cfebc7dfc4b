namespace Kaal.Components.Applications;

/// <summary>ipc_consumer whose first incarnation faults after item 7.</summary>
public sealed class CrashingIpcConsumer : IpcConsumer
{
    public const uint CrashItem = 7;

    protected override uint CrashAfterItem => CrashItem;
}
