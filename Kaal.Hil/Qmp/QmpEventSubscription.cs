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
/// </summary>
public sealed class QmpEventSubscription : IAsyncEnumerable<QmpEvent>, IDisposable
{
    private readonly Channel<QmpEvent> _events = Channel.CreateUnbounded<QmpEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<QmpEventSubscription> _unsubscribe;

    internal QmpEventSubscription(Action<QmpEventSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
    }

    public IAsyncEnumerator<QmpEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>The next event with this name (earlier events of other names are consumed).</summary>
    /// <exception cref="QmpTimeoutException">none within <paramref name="timeout"/>.</exception>
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
            throw new QmpTimeoutException($"no {name} event", timeout);
        }
        throw new QmpConnectionClosedException($"the QMP connection ended before a {name} event");
    }

    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }

    internal void Publish(QmpEvent received) => _events.Writer.TryWrite(received);

    internal void Complete() => _events.Writer.TryComplete();
}
