using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Serial;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Console bytes into lines: CRLF and LF, an unterminated last line, runaway lines cut, non-ASCII shown.</summary>
public sealed class SerialLineReaderTests
{
    private static async Task<string[]> ReadAllAsync(byte[] bytes)
    {
        await using var reader = new SerialLineReader(new MemoryStream(bytes));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.Lines.ReadAllAsync(limit.Token).ToArrayAsync(limit.Token);
    }

    [Fact]
    public async Task Line_endings_and_a_last_line_without_one()
    {
        Assert.Equal(["one", "two", "", "three"], await ReadAllAsync(Encoding.ASCII.GetBytes("one\r\ntwo\n\nthree")));
    }

    [Fact]
    public async Task A_runaway_line_is_cut_and_marked_and_bytes_outside_ASCII_are_replaced()
    {
        string[] lines = await ReadAllAsync([.. Encoding.ASCII.GetBytes(new string('x', SerialLineReader.MaxLineChars + 10)), (byte)'\r', (byte)'\n', 0xC3, 0x01, (byte)'A']);
        Assert.Equal(2, lines.Length);
        Assert.Equal(new string('x', SerialLineReader.MaxLineChars) + " [line cut: 10 more characters]", lines[0]);
        Assert.Equal("\uFFFD\uFFFDA", lines[1]);
    }

    /// <summary>100 MB without a line break (a guest printing in a loop): one line, cut at the cap and marked, and
    /// the lines after it still come; nothing in between is kept.</summary>
    [Fact]
    public async Task A_hundred_megabytes_without_a_line_break_is_one_cut_line()
    {
        const long Flood = 100L * 1024 * 1024;
        await using var reader = new SerialLineReader(new FloodStream(Flood, "\nTest X passed\n"));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string[] lines = await reader.Lines.ReadAllAsync(limit.Token).ToArrayAsync(limit.Token);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{new string('y', SerialLineReader.MaxLineChars)} [line cut: {Flood - SerialLineReader.MaxLineChars} more characters]", lines[0]);
        Assert.Equal("Test X passed", lines[1]);
        Assert.Equal(lines, reader.Transcript());
    }

    /// <summary>N bytes of 'y', then a tail, produced as they are read (no 100 MB array).</summary>
    private sealed class FloodStream(long floodBytes, string tail) : Stream
    {
        private readonly byte[] _tail = Encoding.ASCII.GetBytes(tail);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => floodBytes + _tail.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int written = 0;
            while (written < count && _position < Length)
            {
                buffer[offset + written++] = _position < floodBytes ? (byte)'y' : _tail[_position - floodBytes];
                _position++;
            }
            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
