namespace Kaal.Model;

/// <summary>What an endpoint's or notification's queue holds (seL4's EPState / NtfnState).</summary>
public enum WaitQueueKind : byte
{
    Idle = 0,
    Senders = 1,
    Receivers = 2,
    /// <summary>Notification: the word is non-zero and nobody waits.</summary>
    Active = 3,
    /// <summary>Notification: threads wait and the word is zero.</summary>
    Waiters = 4,
}
