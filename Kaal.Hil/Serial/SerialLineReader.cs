using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Kaal.Hil.Serial;

/// <summary>
/// Reads a console byte stream into lines (LF or CRLF; a line longer than <see cref="MaxLineChars"/> is cut,
/// a last line without a line break is delivered at the end) and keeps the whole transcript for reports.
/// <see cref="Lines"/> completes when the stream ends.
/// </summary>
public sealed class SerialLineReader : IAsyncDisposable
{
    /// <summary>A console line longer than this is cut into pieces (a runaway guest must not grow memory).</summary>
    public const int MaxLineChars = 64 * 1024;
    /// <summary>Lines kept for the report; older ones are dropped (a runaway guest must not grow memory).</summary>
    public const int MaxTranscriptLines = 200_000;

    private readonly PipeReader _reader;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Queue<string> _transcript = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _readLoop;

    public SerialLineReader(Stream stream)
    {
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Console lines as they arrive, without line breaks.</summary>
    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>Why reading stopped early (an I/O error), if it did; null while reading or after a clean end.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Every line read so far (up to <see cref="MaxTranscriptLines"/>), oldest first.</summary>
    public IReadOnlyList<string> Transcript()
    {
        lock (_transcript)
        {
            return _transcript.ToArray();
        }
    }

    /// <summary>The last <paramref name="count"/> lines read.</summary>
    public IReadOnlyList<string> LastLines(int count)
    {
        lock (_transcript)
        {
            string[] all = _transcript.ToArray();
            return all[Math.Max(0, all.Length - count)..];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lifetime.Cancel();
        await _readLoop.ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var pending = new StringBuilder();
        try
        {
            while (true)
            {
                ReadResult result = await _reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is SequencePosition end)
                {
                    Append(pending, buffer.Slice(0, end));
                    Emit(pending);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }
                Append(pending, buffer);
                _reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            Error = error;
        }
        if (pending.Length > 0)
        {
            Emit(pending);
        }
        await _reader.CompleteAsync().ConfigureAwait(false);
        _lines.Writer.TryComplete();
    }

    private void Append(StringBuilder pending, ReadOnlySequence<byte> bytes)
    {
        foreach (ReadOnlyMemory<byte> segment in bytes)
        {
            foreach (byte value in segment.Span)
            {
                // The kernel console is ASCII; anything else is shown, not interpreted.
                pending.Append(value is >= 0x20 and < 0x7F or (byte)'\t' ? (char)value : value == (byte)'\r' ? '\r' : '\uFFFD');
                if (pending.Length == MaxLineChars)
                {
                    Emit(pending);
                }
            }
        }
    }

    private void Emit(StringBuilder pending)
    {
        string line = pending.ToString().TrimEnd('\r');
        pending.Clear();
        lock (_transcript)
        {
            _transcript.Enqueue(line);
            if (_transcript.Count > MaxTranscriptLines)
            {
                _transcript.Dequeue();
            }
        }
        _lines.Writer.TryWrite(line);
    }
}
