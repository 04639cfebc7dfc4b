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
/// Reads a console byte stream into lines (LF or CRLF; a last line without a line break is delivered at the end) and
/// keeps the transcript for reports. <see cref="Lines"/> completes when the stream ends. Memory is bounded whatever the
/// guest prints: a line longer than <see cref="MaxLineChars"/> keeps its first <see cref="MaxLineChars"/> characters
/// and ends in a marker saying how many were cut (the rest of it is counted, not kept); the transcript keeps the newest
/// lines within <see cref="MaxTranscriptLines"/> and <see cref="MaxTranscriptChars"/>.
/// </summary>
public sealed class SerialLineReader : IAsyncDisposable
{
    /// <summary>A console line longer than this is cut here and marked (a runaway guest must not grow memory).</summary>
    public const int MaxLineChars = 64 * 1024;
    /// <summary>Lines kept for the report; older ones are dropped (a runaway guest must not grow memory).</summary>
    public const int MaxTranscriptLines = 200_000;
    /// <summary>Characters kept for the report, all lines together (32 MB of memory at most); older lines are dropped.</summary>
    public const int MaxTranscriptChars = 16 * 1024 * 1024;
    /// <summary>Ends a cut line: " [line cut: N more characters]".</summary>
    public const string CutMarker = " [line cut: ";

    private readonly PipeReader _reader;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Queue<string> _transcript = new();
    private long _transcriptChars;
    /// <summary>Characters of the current line beyond <see cref="MaxLineChars"/>, counted instead of kept.</summary>
    private long _cutChars;
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
                if (pending.Length < MaxLineChars)
                {
                    pending.Append(value is >= 0x20 and < 0x7F or (byte)'\t' ? (char)value : value == (byte)'\r' ? '\r' : '\uFFFD');
                }
                else if (value != (byte)'\r')
                {
                    _cutChars++; // counted, not kept (a CR before the line break is the break's, not the line's)
                }
            }
        }
    }

    private void Emit(StringBuilder pending)
    {
        string line = pending.ToString().TrimEnd('\r');
        if (_cutChars > 0)
        {
            line = $"{line}{CutMarker}{_cutChars} more characters]";
            _cutChars = 0;
        }
        pending.Clear();
        lock (_transcript)
        {
            _transcript.Enqueue(line);
            _transcriptChars += line.Length;
            while (_transcript.Count > MaxTranscriptLines || _transcriptChars > MaxTranscriptChars)
            {
                _transcriptChars -= _transcript.Dequeue().Length;
            }
        }
        _lines.Writer.TryWrite(line);
    }
}
