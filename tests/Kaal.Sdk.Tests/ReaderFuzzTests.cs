using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using Kaal.Sdk.Manifest;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Random damage to a valid manifest (byte flips, inserted bytes, truncation, deleted and duplicated
/// lines) never crashes or hangs the reader: every outcome is a list of problems with sane positions. The damages are
/// CsCheck-generated lists, so a failure is reported shrunk (docs/property-tests.md).</summary>
public sealed class ReaderFuzzTests
{
    private const int Cases = 4000;
    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("[]{}=\"'.,#\\\n\r\t 0x_:-+9aZ");

    private static string DefaultManifest()
    {
        string directory = RepositoryPaths.Root;
        return File.ReadAllText(Path.Combine(directory, "components.toml"));
    }

    /// <summary>One damage: <see cref="Kind"/> picks a bit flip, an interesting byte, a truncation, an inserted byte, or a
    /// deleted or duplicated line; <see cref="Where"/> and <see cref="Which"/> (taken modulo the text's size) say where
    /// and what. CsCheck shrinks a failing list to fewer, earlier-kind, smaller-valued damages.</summary>
    public sealed record Damage(int Kind, int Where, int Which)
    {
        public override string ToString() => Kind switch
        {
            0 => $"flip bit {Which % 8} of byte {Where}",
            1 => $"byte {Where} = '{(char)Interesting[Which % Interesting.Length]}'",
            2 => $"truncate to {Where} bytes",
            3 => $"insert '{(char)Interesting[Which % Interesting.Length]}' at {Where}",
            _ => Which % 2 == 0 ? $"delete line {Where}" : $"duplicate line {Where} before line {Which / 2}",
        };
    }

    private static readonly Gen<Damage[]> Damages =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 0xFFFF], Gen.Int[0, 0xFFFF], (kind, where, which) => new Damage(kind, where, which)).Array[1, 4];

    private static string Apply(string original, Damage[] damages)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(original);
        foreach (Damage d in damages)
        {
            byte interesting = Interesting[d.Which % Interesting.Length];
            switch (d.Kind)
            {
                case 0:
                    if (bytes.Length > 0) bytes[d.Where % bytes.Length] ^= (byte)(1 << (d.Which % 8));
                    break;
                case 1:
                    if (bytes.Length > 0) bytes[d.Where % bytes.Length] = interesting;
                    break;
                case 2:
                    bytes = bytes.Take(d.Where % (bytes.Length + 1)).ToArray();
                    break;
                case 3:
                {
                    int at = d.Where % (bytes.Length + 1);
                    bytes = bytes.Take(at).Append(interesting).Concat(bytes.Skip(at)).ToArray();
                    break;
                }
                default:
                {
                    var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
                    int line = d.Where % lines.Count;
                    if (d.Which % 2 == 0) lines.RemoveAt(line);
                    else lines.Insert(d.Which / 2 % (lines.Count + 1), lines[line]);
                    bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                    break;
                }
            }
        }
        return Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public void Mutated_manifests_never_throw_and_locate_every_problem()
    {
        string original = DefaultManifest();
        int withProblems = 0;
        PropertyRunner.Check(nameof(Mutated_manifests_never_throw_and_locate_every_problem), 20_251_105, Cases, Damages, damages =>
        {
            string text = Apply(original, damages);
            int lineCount = text.Split('\n').Length;
            var problems = ManifestChecker.Check(text, "fuzz.toml", TestBinaries.Repository).Problems;
            if (problems.Count > 0) withProblems++;
            foreach (ManifestProblem problem in problems)
            {
                Assert.Equal("fuzz.toml", problem.Location.File);
                Assert.InRange(problem.Location.Line, 1, lineCount);
                Assert.True(problem.Location.Column >= 1, problem.ToString());
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            }
        }, damages => string.Join("; ", damages.Select(d => d.ToString())));
        if (PropertyRunner.Exploring) return;
        Assert.True(withProblems > Cases / 2, $"only {withProblems} of {Cases} mutants had problems: the mutations are too weak");
    }

    [Theory]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]")]
    [InlineData("\"\\")]
    [InlineData("a = \"\\U0011FFFF\"")]
    [InlineData("\r")]
    [InlineData("[[component]]\ncapabilities = \"x\"\ndependencies = [1, [2]]\nname = 3")]
    [InlineData("component = 1\nsystem = []")]
    public void Hostile_inputs_are_problems_not_exceptions(string text) => Assert.NotEmpty(ManifestChecker.Check(text, "x.toml", TestBinaries.Repository).Problems);
}
