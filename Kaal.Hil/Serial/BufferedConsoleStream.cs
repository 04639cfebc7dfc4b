using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Serial;

/// <summary>
/// A guest console that is read into memory from the moment it opens, whether or not anyone reads it yet.
/// Why: QEMU's UART writes block, with QEMU's global lock held, while the console socket is full, and a Unix
/// socket is full after a few hundred one-byte writes (each costs a whole socket buffer). A guest that prints
/// before the harness starts reading would then freeze QEMU's main loop, QMP included. Reads come from the
/// memory buffer; writes go straight to the console.
/// </summary>
public sealed class BufferedConsoleStream : Stream
{
    /// <summary>Beyond this much unread output the guest is made to wait (back-pressure instead of unbounded memory).</summary>
    private const long PauseBytes = 64L * 1024 * 1024;
    private const int ReadChunkBytes = 4096;

    private readonly Stream _console;
    private readonly Pipe _buffer = new(new PipeOptions(pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, useSynchronizationContext: false));
    private readonly Stream _bufferedReads;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _pump;
    private int _disposed;

    public BufferedConsoleStream(Stream console)
    {
        _console = console;
        _bufferedReads = _buffer.Reader.AsStream();
        _pump = Task.Run(PumpAsync);
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _bufferedReads.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _bufferedReads.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _bufferedReads.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _console.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _console.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _console.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _console.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _console.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _lifetime.Cancel();
        await _console.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        await _buffer.Reader.CompleteAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Console to memory until the console ends (QEMU exited) or the stream is disposed.</summary>
    private async Task PumpAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                Memory<byte> space = _buffer.Writer.GetMemory(ReadChunkBytes);
                int count = await _console.ReadAsync(space, _lifetime.Token).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }
                _buffer.Writer.Advance(count);
                FlushResult flushed = await _buffer.Writer.FlushAsync(_lifetime.Token).ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break; // nobody will read any more
                }
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // Disposal began: the console is being closed under the pump, and what its read throws then depends on the
            // stream (a socket: ObjectDisposed; a pipe: InvalidOperation "reader was completed"). Nobody reads any more.
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            failure = error; // the reader sees it after the bytes that came before it
        }
        await _buffer.Writer.CompleteAsync(failure).ConfigureAwait(false);
    }
}
