using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Kaal.Sdk.Coroutines;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// One end of a single-producer single-consumer ring of <typeparamref name="T"/> in a frame both components map,
/// with two notifications: "items ready" (the consumer waits on it) and "space free" (the producer waits on it).
/// Head and tail are free-running counters on their own cache lines; each element takes whole words
/// (its size rounded up to 8 bytes), so any unmanaged T fits without a layout written for one type.
/// The producer writes the slot and then publishes head with a release store; the consumer reads head with
/// an acquire load before the slot, and publishes tail with a release store after it (so the producer
/// never overwrites a slot still being read). Every shared access is an SDK operation, so the simulator
/// explores their interleavings. Each end also writes its element size and capacity into the header, and
/// checks the other end's when present: two ends built for different T are reported instead of misread.
/// </summary>
public sealed class Channel<T> where T : unmanaged
{
    public const ulong HeadOffset = 0;
    public const ulong TailOffset = 64;
    public const ulong ProducerShapeOffset = 128;
    public const ulong ConsumerShapeOffset = 136;
    public const ulong SlotsOffset = 192;

    private readonly Sys _sys;
    private readonly ulong _ringVirtAddr;
    private readonly ulong _waitCptr;
    private readonly ulong _signalCptr;
    private readonly int _strideWords;
    private readonly ulong _capacity;
    private readonly ulong[] _words;
    private bool _opened;
    /// <summary>This end's own counter (head for the producer, tail for the consumer): only it writes it, so
    /// after reading it once from the ring (a restarted end continues where the ring says) it is cached.</summary>
    private ulong _own;

    private readonly Quiescence? _quiescence;

    internal Channel(Sys sys, string name, IpcEnd end, ulong ringVirtAddr, int ringSizeBytes, ulong waitCptr, ulong signalCptr, int capacity, Quiescence? quiescence = null)
    {
        _quiescence = quiescence;
        int elementBytes = Unsafe.SizeOf<T>();
        _strideWords = (elementBytes + 7) / 8;
        int maxCapacity = MaxCapacity(ringSizeBytes, elementBytes);
        if (capacity < 1 || (capacity & (capacity - 1)) != 0 || capacity > maxCapacity)
        {
            throw new ComponentSetupException(sys.ComponentName,
                $"channel '{name}': capacity {capacity} is not a power of two in 1..{maxCapacity} (a {ringSizeBytes}-byte ring of {elementBytes}-byte elements)");
        }
        _sys = sys;
        Name = name;
        End = end;
        _ringVirtAddr = ringVirtAddr;
        _waitCptr = waitCptr;
        _signalCptr = signalCptr;
        _capacity = (ulong)capacity;
        _words = new ulong[_strideWords];
    }

    public string Name { get; }

    public IpcEnd End { get; }

    public int Capacity => (int)_capacity;

    /// <summary>The largest power-of-two capacity a ring of <paramref name="ringSizeBytes"/> holds for elements of
    /// <paramref name="elementBytes"/>.</summary>
    public static int MaxCapacity(int ringSizeBytes, int elementBytes)
    {
        int slots = (ringSizeBytes - (int)SlotsOffset) / (((elementBytes + 7) / 8) * 8);
        int capacity = 1;
        while (capacity * 2 <= slots) capacity *= 2;
        return slots < 1 ? 0 : capacity;
    }

    /// <summary>Blocks while the ring is full.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    public async ValueTask SendAsync(T item)
    {
        RequireEnd(IpcEnd.Producer);
        while (!await TrySendAsync(item))
        {
            await WaitAsync();
        }
    }

    /// <summary>False (and nothing written) when the ring is full.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<bool> TrySendAsync(T item)
    {
        RequireEnd(IpcEnd.Producer);
        await OpenAsync();
        ulong tail = (await _sys.Load(_ringVirtAddr + TailOffset, MemoryOrder.Acquire)).X1;
        if (_own - tail >= _capacity) return false;
        Unpack(item);
        ulong slot = SlotAddr(_own);
        for (int word = 0; word < _strideWords; word++) await _sys.Store(slot + (ulong)word * 8, _words[word]);
        _own++;
        await _sys.Store(_ringVirtAddr + HeadOffset, _own, MemoryOrder.Release);
        await _sys.Signal(_signalCptr);
        return true;
    }

    /// <summary>Blocks while the ring is empty.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<T> ReceiveAsync()
    {
        RequireEnd(IpcEnd.Consumer);
        while (true)
        {
            (bool received, T item) = await TryReceiveAsync();
            if (received) return item;
            await WaitAsync();
        }
    }

    /// <summary>(false, default) when the ring is empty.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<(bool Received, T Item)> TryReceiveAsync()
    {
        RequireEnd(IpcEnd.Consumer);
        await OpenAsync();
        ulong head = (await _sys.Load(_ringVirtAddr + HeadOffset, MemoryOrder.Acquire)).X1;
        if (head == _own) return (false, default);
        if (head - _own > _capacity) _sys.Fail($"channel '{Name}': head {head} is more than {_capacity} ahead of tail {_own}");
        ulong slot = SlotAddr(_own);
        for (int word = 0; word < _strideWords; word++) _words[word] = (await _sys.Load(slot + (ulong)word * 8)).X1;
        _own++;
        await _sys.Store(_ringVirtAddr + TailOffset, _own, MemoryOrder.Release);
        await _sys.Signal(_signalCptr);
        return (true, Pack());
    }

    /// <summary>How many items this end has sent (producer) or taken (consumer) over the channel's whole life, across
    /// restarts of either end: where a restarted end resumes.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<ulong> PositionAsync()
    {
        await OpenAsync();
        return _own;
    }

    /// <summary>Blocks on this end's notification. A blocked end is a quiescent point: woken by a stop request
    /// (docs/hot-reload.md), it hands its component's state over and never returns.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask WaitAsync()
    {
        SyscallResult woken = await _sys.Wait(_waitCptr);
        if (_quiescence is not null && _quiescence.IsStopRequest(woken.Badge)) await _quiescence.HandOverAsync();
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask OpenAsync()
    {
        if (_opened) return;
        bool producer = End == IpcEnd.Producer;
        ulong shape = (ulong)Unsafe.SizeOf<T>() << 32 | _capacity;
        await _sys.Store(_ringVirtAddr + (producer ? ProducerShapeOffset : ConsumerShapeOffset), shape);
        ulong peer = (await _sys.Load(_ringVirtAddr + (producer ? ConsumerShapeOffset : ProducerShapeOffset))).X1;
        if (peer != 0 && peer != shape)
        {
            _sys.Fail($"channel '{Name}': this end has {Unsafe.SizeOf<T>()}-byte elements and capacity {_capacity}, the other end {peer >> 32}-byte elements and capacity {peer & 0xFFFF_FFFF}");
        }
        _own = (await _sys.Load(_ringVirtAddr + (producer ? HeadOffset : TailOffset))).X1;
        _opened = true;
    }

    private ulong SlotAddr(ulong counter) => _ringVirtAddr + SlotsOffset + (counter & (_capacity - 1)) * (ulong)_strideWords * 8;

    private void RequireEnd(IpcEnd needed)
    {
        if (End != needed) throw new ComponentSetupException(_sys.ComponentName, $"channel '{Name}': the {End.ManifestRole()} end cannot {(needed == IpcEnd.Producer ? "send" : "receive")}");
    }

    private void Unpack(T item)
    {
        Array.Clear(_words);
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref item, 1)).CopyTo(MemoryMarshal.AsBytes(_words.AsSpan()));
    }

    private T Pack()
    {
        T item = default;
        MemoryMarshal.AsBytes(_words.AsSpan()).Slice(0, Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref item, 1)));
        return item;
    }
}
