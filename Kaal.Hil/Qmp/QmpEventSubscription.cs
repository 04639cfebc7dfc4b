using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Kaal.Hil.Qmp;

/// <summary>
/// The events QEMU sends from the moment of <see cref="QmpClient.SubscribeEvents"/> on, in order, as an async
/// enumerable. Subscribing before issuing a command guarantees its events are seen (an enumerator created
/// lazily could miss them). The enumeration ends when the connection ends or the subscription is disposed.
/// The queue is bounded (<see cref="DefaultCapacity"/> events unless the subscriber asks otherwise): a subscriber that
/// does not read loses the oldest events, never the client's memory, and <see cref="DroppedEvents"/> counts them.
/// </summary>
public sealed class QmpEventSubscription : IAsyncEnumerable<QmpEvent>, IDisposable
{
    /// <summary>Far more than QEMU sends in the life of a suite (a handful per reset or stop), few enough to be small.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Channel<QmpEvent> _events;
    private readonly Action<QmpEventSubscription> _unsubscribe;
    private long _dropped;

    internal QmpEventSubscription(Action<QmpEventSubscription> unsubscribe, int capacity)
    {
        _unsubscribe = unsubscribe;
        _events = Channel.CreateBounded<QmpEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Events dropped (the oldest first) because the queue was full when a new one came.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    public IAsyncEnumerator<QmpEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>The next event with this name (earlier events of other names are consumed).</summary>
    /// <exception cref="QmpTimeoutException">none within <paramref name="timeout"/> (the message counts dropped events).</exception>
    /// <exception cref="QmpConnectionClosedException">the connection ended first.</exception>
    public async Task<QmpEvent> WaitForAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (QmpEvent received in this.WithCancellation(deadline.Token).ConfigureAwait(false))
            {
                if (received.Name == name)
                {
                    return received;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QmpTimeoutException($"no {name} event{DroppedNote()}", timeout);
        }
        throw new QmpConnectionClosedException($"the QMP connection ended before a {name} event{DroppedNote()}");
    }

    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }

    internal void Publish(QmpEvent received) => _events.Writer.TryWrite(received);

    internal void Complete() => _events.Writer.TryComplete();

    private string DroppedNote() => DroppedEvents is long dropped and > 0 ? $" ({dropped} older events were dropped: the queue was full)" : "";
}
