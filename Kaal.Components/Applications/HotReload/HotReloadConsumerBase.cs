using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>
/// The consumer of the `hot-reload` system (docs/hot-reload.md): receives the `numbers` stream and checks that every
/// item arrives exactly once and in order across its replacements. Between items it offers a quiescent point; what it
/// hands a successor is the last item it took and the running checksum (state format <see cref="StateVersion"/>). A
/// successor restores them, and its channel end resumes where the ring says, so the stream goes on where the old
/// version stopped. Started without handed state at a non-zero position (restarted after a fault), it resumes at the
/// ring's position and checks the order from there; the checksum then covers the items from there on, so the first item
/// it covers is part of the state too (exploration with swarm faults found a restart followed by a replacement that
/// checked a partial checksum against the whole stream's).
/// </summary>
public abstract class HotReloadConsumerBase : Component
{
    public const uint StateVersion = 1;

    private Channel<uint> _numbers = null!;
    private uint _last;
    private uint _hash = NumbersStream.Checksum(1, 0);
    /// <summary>The first item the checksum covers.</summary>
    private uint _first = 1;

    /// <summary>The version this binary prints.</summary>
    protected abstract string Version { get; }

    public override Task InitAsync()
    {
        Context.Connect(NumbersStream.ChannelName, NumbersStream.Capacity, out _numbers);
        return Task.CompletedTask;
    }

    /// <summary>Three words: the last item taken, the checksum, the first item it covers.</summary>
    public override HandedState SaveState() => HandedState.OfWords(StateVersion, [_last, _hash, _first]);

    /// <summary>Takes over the predecessor's state (a successor of another format would convert it here).</summary>
    protected virtual void Restore(uint last, uint hash, uint first)
    {
        _last = last;
        _hash = hash;
        _first = first;
    }

    public override async Task RunAsync()
    {
        if (Context.HandedState.Version == StateVersion)
        {
            HandedState state = Context.HandedState;
            Restore((uint)state.Word(0), (uint)state.Word(1), (uint)state.Word(2));
            // Which item it took over after is the schedule's choice: kept off the console, which the differential
            // check compares with the simulator's (the final line shows that every item arrived once, in order).
            await Console.WriteLineAsync($"consumer version {Version} took over with the handed state");
        }
        else if (await _numbers.PositionAsync() is > 0 and ulong taken)
        {
            _last = (uint)taken;
            _first = _last + 1;
            await Console.WriteLineAsync($"consumer version {Version} resumed after item {taken} without handed state");
        }
        while (_last < NumbersStream.ItemCount)
        {
            uint item = await _numbers.ReceiveAsync();
            if (item != _last + 1) Sys.Fail($"version {Version}: out of order: expected item {_last + 1}, got {item}");
            _hash = NumbersStream.Step(_hash, item);
            _last = item;
            await Context.QuiescentPointAsync();
        }
        uint expected = NumbersStream.Checksum(_first, NumbersStream.ItemCount);
        if (_hash != expected) Sys.Fail($"version {Version}: checksum 0x{_hash:X8} over items {_first}..{_last}, expected 0x{expected:X8}");
        await Console.WriteLineAsync($"consumer version {Version} received items {_first}..{_last} in order, checksum 0x{_hash:X8}");
    }
}
