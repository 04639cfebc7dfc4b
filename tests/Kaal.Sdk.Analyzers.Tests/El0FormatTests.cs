using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Kaal.Sdk.Analyzers.Tests;

/// <summary>KAAL0002: interpolation formats and alignments the EL0 runtime would stop on fail the build instead.</summary>
public sealed class El0FormatTests
{
    [Theory]
    [InlineData("x8")]
    [InlineData("x")]
    [InlineData("D")]
    [InlineData("X123")]
    [InlineData("X1a")]
    public void A_format_EL0_does_not_print_is_an_error_saying_what_it_prints(string format)
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent($"uint value = 48879; string text = $\"{{value:{format}}}\";"));
        Assert.Equal("KAAL0002", error.Id);
        Assert.Contains($"':{format}' in an interpolated string is not supported in the EL0 runtime", error.GetMessage());
        Assert.Contains("'X' / 'Xn': upper-case hexadecimal", error.GetMessage());
    }

    [Theory]
    [InlineData("ulong", "X")]
    [InlineData("int", "X8")]
    [InlineData("byte", "X2")]
    [InlineData("long", "X16")]
    public void Upper_case_hexadecimal_on_integers_passes(string type, string format)
    {
        Assert.Empty(AnalyzerRun.InComponent($"{type} value = 1; string text = $\"{{value:{format}}}\";"));
    }

    [Fact]
    public void A_format_on_a_hole_EL0_prints_through_ToString_is_an_error()
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent("string name = \"a\"; string text = $\"{name:X}\";"));
        Assert.Contains("EL0 prints a string hole without a format (formats: ulong, uint, ushort, byte, long, int)", error.GetMessage());
    }

    [Fact]
    public void An_alignment_is_an_error()
    {
        Diagnostic error = Assert.Single(AnalyzerRun.InComponent("uint value = 1; string text = $\"{value,8}\";"));
        Assert.Contains("',8'", error.GetMessage());
        Assert.Contains("no alignment", error.GetMessage());
    }

    [Fact]
    public void A_format_in_a_string_that_is_not_a_string_is_left_alone()
    {
        Assert.DoesNotContain(AnalyzerRun.InComponent("uint value = 1; System.FormattableString text = $\"{value:x8}\";"), diagnostic => diagnostic.Id == "KAAL0002");
    }
}
