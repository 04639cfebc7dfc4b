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
    public async Task A_runaway_line_is_cut_and_bytes_outside_ASCII_are_replaced()
    {
        string[] lines = await ReadAllAsync([.. Encoding.ASCII.GetBytes(new string('x', SerialLineReader.MaxLineChars + 10)), (byte)'\n', 0xC3, 0x01, (byte)'A']);
        Assert.Equal([SerialLineReader.MaxLineChars, 10, 3], lines.Select(line => line.Length));
        Assert.Equal("\uFFFD\uFFFDA", lines[2]);
    }
}
