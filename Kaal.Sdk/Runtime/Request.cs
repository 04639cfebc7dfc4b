namespace Kaal.Sdk.Runtime;

/// <summary>What a service received: a message (label non-zero) or a signal of its bound notification.</summary>
public readonly struct Request(SyscallResult received)
{
    public ulong Badge => received.Badge;

    public ulong Label => Model.MessageInfo.Label(received.Info);

    public bool IsNotification => received.Info == 0;

    public ulong Mr0 => received.Mr0;

    public ulong Mr1 => received.Mr1;

    public ulong Mr2 => received.Mr2;

    public ulong Mr3 => received.Mr3;
}
