namespace Kaal.Components.Applications;

/// <summary>What ipc_producer and ipc_consumer agree on: the channel, its shape, and the items (1..ItemCount).</summary>
public static class NumbersStream
{
    public const string ChannelName = "numbers";
    /// <summary>Small on purpose: a full ring (the producer blocking) happens in most schedules.</summary>
    public const int Capacity = 4;
    public const uint ItemCount = 40;

    /// <summary>The checksum the consumer prints over the items it received, in order (FNV-1a over the words).</summary>
    public static uint Checksum(uint first, uint last)
    {
        uint hash = 2166136261;
        for (uint item = first; item <= last && item >= first; item++) hash = Step(hash, item);
        return hash;
    }

    public static uint Step(uint hash, uint item) => (hash ^ item) * 16777619;
}
