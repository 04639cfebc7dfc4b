using System;
using System.IO;
using System.Linq;
using System.Text;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>Random damage to a valid manifest (byte flips, inserted bytes, truncation, deleted and duplicated
/// lines) never crashes or hangs the reader: every outcome is a list of problems with sane positions.</summary>
public sealed class ReaderFuzzTests
{
    private const int Cases = 4000;
    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("[]{}=\"'.,#\\\n\r\t 0x_:-+9aZ");

    private static string DefaultManifest()
    {
        string directory = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(directory, "Kaal.sln"))) directory = Path.GetDirectoryName(directory)!;
        return File.ReadAllText(Path.Combine(directory, "components.toml"));
    }

    private static string Mutate(string original, Random random)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(original);
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.Next(6))
            {
                case 0:
                    if (bytes.Length > 0) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    if (bytes.Length > 0) bytes[random.Next(bytes.Length)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes = bytes.Take(random.Next(bytes.Length + 1)).ToArray();
                    break;
                case 3:
                {
                    int at = random.Next(bytes.Length + 1);
                    bytes = bytes.Take(at).Append(Interesting[random.Next(Interesting.Length)]).Concat(bytes.Skip(at)).ToArray();
                    break;
                }
                case 4:
                case 5:
                {
                    var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
                    if (lines.Count == 0) break;
                    int line = random.Next(lines.Count);
                    if (random.Next(2) == 0) lines.RemoveAt(line);
                    else lines.Insert(random.Next(lines.Count + 1), lines[line]);
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
        var random = new Random(20_251_105);
        int withProblems = 0;
        for (int i = 0; i < Cases; i++)
        {
            string text = Mutate(original, random);
            int lineCount = text.Split('\n').Length;
            var problems = ManifestChecker.Check(text, "fuzz.toml").Problems;
            if (problems.Count > 0) withProblems++;
            foreach (ManifestProblem problem in problems)
            {
                Assert.Equal("fuzz.toml", problem.Location.File);
                Assert.InRange(problem.Location.Line, 1, lineCount);
                Assert.True(problem.Location.Column >= 1, problem.ToString());
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            }
        }
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
    public void Hostile_inputs_are_problems_not_exceptions(string text) => Assert.NotEmpty(ManifestChecker.Check(text, "x.toml").Problems);
}
