using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Serial;

namespace Kaal.Hil.Tests;

/// <summary>
/// A <see cref="SerialLineReader"/> reading a console fed through a <see cref="BufferedConsoleStream"/> (the path a
/// QEMU console takes), driven by concurrent callers: a write sends one whole line (writes are serialised, as one
/// guest UART is) and returns when the reader has it; a look reads the last line of the transcript; a take reads the
/// next line from <see cref="SerialLineReader.Lines"/>. The state a linearizability check compares is the transcript
/// and what the looks and takes saw, sorted (their finishing order is not part of it).
/// </summary>
internal sealed class ConsoleTranscript : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Pipe _guest = new();
    private readonly BufferedConsoleStream _console;
    private readonly SerialLineReader _reader;
    private readonly object _uart = new();
    private readonly List<string> _seen = new();
    private int _written;
    private int _taken;

    public ConsoleTranscript()
    {
        _console = new BufferedConsoleStream(new DuplexPipeStream(_guest.Reader, new Pipe().Writer));
        _reader = new SerialLineReader(_console);
    }

    public void Write(int value)
    {
        int count;
        lock (_uart)
        {
            _guest.Writer.WriteAsync(Encoding.ASCII.GetBytes($"line {value}\r\n")).AsTask().GetAwaiter().GetResult();
            count = ++_written;
        }
        var clock = Stopwatch.StartNew();
        while (_reader.Transcript().Count < count)
        {
            if (clock.Elapsed > Limit) throw new TimeoutException($"line {value} did not reach the transcript within {Limit.TotalSeconds} s");
            Thread.Yield();
        }
    }

    public void Look() => See("look " + (_reader.LastLines(1) is [string last] ? last : "(none)"));

    /// <summary>Takes the next line only when one is sure to be there (never more takes than writes), so it never waits.</summary>
    public void Take()
    {
        lock (_uart)
        {
            if (_taken >= _written) return;
            _taken++;
        }
        See("take " + _reader.Lines.ReadAsync().AsTask().WaitAsync(Limit).GetAwaiter().GetResult());
    }

    public IReadOnlyList<string> State()
    {
        lock (_seen)
        {
            return _reader.Transcript().Concat(_seen.Order(StringComparer.Ordinal)).ToArray();
        }
    }

    public override string ToString() => string.Join(" | ", State());

    public async ValueTask DisposeAsync()
    {
        await _guest.Writer.CompleteAsync();
        await _reader.DisposeAsync();
        await _console.DisposeAsync();
    }

    private void See(string what)
    {
        lock (_seen)
        {
            _seen.Add(what);
        }
    }
}
