using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Kaal.Sdk.Manifest;
using Xunit;
using static Kaal.Sdk.Tests.ManifestText;

namespace Kaal.Sdk.Tests;

/// <summary>What reaches the TOML reader: the file's bytes (UTF-8 only, decoded strictly, each bad byte at its
/// line:col), and a path that is not a readable file (said as such).</summary>
public sealed class ManifestInputTests
{
    private static IReadOnlyList<ManifestProblem> CheckBytes(byte[] bytes) => ManifestChecker.Check(bytes, FileName, TestBinaries.Undemanding).Problems;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped() =>
        Assert.Empty(CheckBytes(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(SystemInit)).ToArray()));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "UTF-16 (little-endian) (it starts with the byte order mark FF FE)")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "UTF-16 (big-endian)")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0, 0 }, "UTF-32 (little-endian)")]
    [InlineData(new byte[] { 0, 0, 0xFE, 0xFF }, "UTF-32 (big-endian)")]
    public void Any_other_byte_order_mark_is_refused(byte[] mark, string message)
    {
        ManifestProblem problem = Assert.Single(CheckBytes(mark.Concat(Utf8("# x\n")).ToArray()));
        Assert.Equal((1, 1), (problem.Location.Line, problem.Location.Column));
        Assert.Contains(message, problem.Message);
        Assert.Contains("save it as UTF-8", problem.Message);
    }

    [Fact]
    public void A_utf16_file_without_a_byte_order_mark_is_refused() =>
        Assert.Contains("looks like UTF-16 without a byte order mark", Assert.Single(CheckBytes(Encoding.Unicode.GetBytes(SystemInit))).Message);

    [Fact]
    public void An_invalid_byte_in_a_comment_is_reported_at_its_line_and_column()
    {
        byte[] bytes = Utf8(SystemInit + "# caf\u00e9 ").Concat(new byte[] { 0xFF }).Concat(Utf8(" end\n")).ToArray();
        ManifestProblem problem = Assert.Single(CheckBytes(bytes));
        Assert.Equal((8, 8), (problem.Location.Line, problem.Location.Column));
        Assert.Equal("byte 0xFF: not UTF-8; the manifest must be UTF-8 text", problem.Message);
    }

    [Fact]
    public void Every_bad_sequence_is_reported_and_the_lines_around_them_still_checked()
    {
        byte[] bytes = Utf8("# \u00e9").Take(3).Concat(Utf8("\n[[component]]\nname = \"a")).Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat(Utf8("\"\nprioirty = 1\n")).Concat(new byte[] { 0xE2, 0x82 }).ToArray();
        List<string> lines = CheckBytes(bytes).Select(problem => $"{problem.Location.Line}:{problem.Location.Column}: {problem.Message}").ToList();
        // An encoded surrogate (ED A0 80) is three bad bytes, as Unicode's "maximal subpart" rule counts them.
        Assert.Equal(new[] { "1:3: byte 0xC3: not UTF-8", "3:10: byte 0xED: not UTF-8", "3:11: byte 0xA0: not UTF-8", "3:12: byte 0x80: not UTF-8",
            "5:1: bytes E2 82: a UTF-8 sequence cut short by the end of the file" }, lines.Take(5).Select(line => line.Replace("; the manifest must be UTF-8 text", "")));
        Assert.Contains(lines, line => line.StartsWith("4:1: unknown key 'prioirty'"));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_one_problem()
    {
        byte[] bytes = new byte[ManifestDecoder.MaxBytes + 1];
        Array.Fill(bytes, (byte)'\n');
        Assert.Contains("the manifest is 16777217 bytes; the limit is 16777216 bytes (16 MiB)", Assert.Single(CheckBytes(bytes)).Message);
    }

    [Fact]
    public void A_directory_a_missing_file_and_an_oversized_file_are_said_as_such()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"kaal-manifest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            Assert.Null(ManifestFile.Read(directory, out string? error));
            Assert.Equal("it is a directory, not a file", error);
            Assert.Null(ManifestFile.Read(Path.Combine(directory, "none.toml"), out error));
            Assert.Equal("no such file", error);
            string big = Path.Combine(directory, "big.toml");
            using (FileStream stream = File.Create(big)) stream.SetLength(ManifestDecoder.MaxBytes + 1L);
            Assert.Null(ManifestFile.Read(big, out error));
            Assert.Equal("the manifest is 16777217 bytes; the limit is 16777216 bytes (16 MiB)", error);
            IOException thrown = Assert.Throws<IOException>(() => ManifestChecker.CheckFile(directory, TestBinaries.Undemanding));
            Assert.Equal($"cannot read manifest '{directory}': it is a directory, not a file", thrown.Message);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
