using System;
using Kaal.Sdk.Runtime;
using Xunit;

namespace Kaal.Sdk.Tests.Runtime;

/// <summary>The state page's layout and system_init's check of a hand-over against it (docs/hot-reload.md, "The
/// handed state"): what the SDK writes passes; a blob too large, a page without a header, a page that disagrees with
/// the message, or damaged bytes are refused with the offending values.</summary>
public sealed class StatePageTests
{
    private static (byte[] Page, HandedState State) Written(int bytes)
    {
        var blob = new byte[bytes];
        for (int index = 0; index < blob.Length; index++) blob[index] = (byte)(index * 13 + 1);
        var state = new HandedState(3, blob);
        var page = new byte[ArgsLayout.PageSizeBytes];
        StatePage.Write(page, state);
        return (page, state);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    [InlineData(StatePage.MaxStateBytes)]
    public void What_the_sdk_writes_passes_the_check(int bytes)
    {
        (byte[] page, HandedState state) = Written(bytes);
        Outcome check = StatePage.Check(page, 3, (ulong)bytes, StatePage.Checksum(state.Bytes));
        Assert.False(check.Failed, check.Failed ? check.Failure.Message : "");
        Assert.Equal((uint)bytes, StatePage.LengthOf(page));
        Assert.Equal(StatePage.HeaderBytes + bytes, StatePage.WrittenBytes(state));
    }

    [Fact]
    public void The_limit_is_a_page_less_the_header()
    {
        Assert.Equal(4072, StatePage.MaxStateBytes);
        Assert.Equal((int)ArgsLayout.PageSizeBytes, StatePage.HeaderBytes + StatePage.MaxStateBytes);
    }

    [Fact]
    public void A_blob_larger_than_the_page_holds_is_refused_and_only_a_page_is_written()
    {
        (byte[] page, HandedState state) = Written(StatePage.MaxStateBytes + 1);
        Assert.Equal((int)ArgsLayout.PageSizeBytes, StatePage.WrittenBytes(state));
        Outcome check = StatePage.Check(page, 3, (ulong)state.Bytes.Length, StatePage.Checksum(state.Bytes));
        Assert.Equal("4073 bytes of state, more than the state page holds (4072 bytes)", check.Failure.Message);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "no header", "the state page has no state header (magic 0x0000000000000000)" },
        { "other version", "the state page holds version 3 with 24 bytes, the hand-over says version 4 with 24 bytes" },
        { "other length", "the state page holds version 3 with 24 bytes, the hand-over says version 3 with 16 bytes" },
        { "damaged byte", "the state's checksum is 0x" },
        { "other checksum", ", the hand-over says 0x0000000000000001" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_page_is_refused_with_the_offending_values(string what, string message)
    {
        (byte[] page, HandedState state) = Written(24);
        ulong checksum = StatePage.Checksum(state.Bytes);
        uint version = 3;
        ulong length = 24;
        switch (what)
        {
            case "no header": Array.Clear(page); break;
            case "other version": version = 4; break;
            case "other length": length = 16; break;
            case "damaged byte": page[StatePage.HeaderBytes + 5] ^= 0x40; break;
            default: checksum = 1; break;
        }
        Outcome check = StatePage.Check(page, version, length, checksum);
        Assert.True(check.Failed);
        Assert.Contains(message, check.Failure.Message);
    }

    [Fact]
    public void Words_round_trip_and_read_as_zero_past_the_end()
    {
        HandedState state = HandedState.OfWords(1, [7, ulong.MaxValue, 0x1234]);
        Assert.Equal(24, state.Bytes.Length);
        Assert.Equal((7UL, ulong.MaxValue, 0x1234UL, 0UL), (state.Word(0), state.Word(1), state.Word(2), state.Word(3)));
        Assert.True(HandedState.None.IsNone);
        Assert.Empty(HandedState.None.Bytes);
    }
}
