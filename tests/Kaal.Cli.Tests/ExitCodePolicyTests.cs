using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>
/// The exit-code policy of the whole CLI (0 ok, 1 the thing tested failed, 2 the command could not do its job,
/// 130/143 interrupted): every command's usage errors exit 2 with `error: ...` before anything runs, and an error
/// no command expected is `error: ...` and 2 without a stack trace (unless --verbose).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ExitCodePolicyTests
{
    /// <summary>Every command that does something (a leaf of the tree), as its words: "hil run", "bench model", ...</summary>
    public static TheoryData<string> Commands() => new(Leaves(Program.CreateRootCommand(), "").Select(leaf => leaf.Path));

    /// <summary>Every option of every command whose value must be a number.</summary>
    public static TheoryData<string, string> NumericOptions()
    {
        var data = new TheoryData<string, string>();
        foreach ((string path, Command command) in Leaves(Program.CreateRootCommand(), ""))
        {
            foreach (Option option in command.Options.Where(option => IsNumber(option.ValueType)))
            {
                data.Add(path, option.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_unknown_option_is_a_usage_error(string command)
    {
        Command parsed = Leaves(Program.CreateRootCommand(), "").Single(leaf => leaf.Path == command).Command;
        string[] required = parsed.Options.Where(option => option.Required).SelectMany(option => new[] { option.Name, "x" }).ToArray();
        (int code, string output, string error) = Cli.Run([.. command.Split(' '), .. required, "--no-such-option"]);
        Assert.True(code == ExitCode.CouldNotRun, $"exit {code}\n{output}\n{error}");
        // Also a command with a free argument (explore's scenario, replay's trace, merge's reports, manifest's file): a
        // word that looks like an option is never taken as the argument.
        Assert.Contains("error: Unrecognized command or argument '--no-such-option'.", error);
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void A_value_that_is_not_a_number_is_a_usage_error(string command, string option)
    {
        (int code, _, string error) = Cli.Run([.. command.Split(' '), option, "abc"]);
        Assert.True(code == ExitCode.CouldNotRun, $"exit {code}\n{error}");
        Assert.Contains($"error: Cannot parse argument 'abc' for option '{option}'", error);
    }

    [Theory]
    [InlineData("hil run --timeout 0", "--timeout must be positive, got 0")]
    [InlineData("hil run --test-timeout -5", "--test-timeout must be positive, got -5")]
    [InlineData("hil run --memory-mib 64", "--memory-mib must be at least 128 (the kernel's minimum), got 64")]
    [InlineData("boot --memory-mib 127", "--memory-mib must be at least 128 (the kernel's minimum), got 127")]
    [InlineData("hil run --target serial:/dev/null --baud 0", "--baud must be positive, got 0")]
    [InlineData("explore spsc-channel --iterations 0", "--iterations must be at least 1, got 0")]
    [InlineData("explore spsc-channel --workers 0", "--workers must be at least 1, got 0")]
    [InlineData("explore spsc-channel --time-budget 0", "--time-budget must be positive, got 0")]
    [InlineData("run --max-steps 0", "--max-steps must be at least 1, got 0")]
    [InlineData("replay t.json --last -1", "--last must be at least 0, got -1")]
    [InlineData("bench model --iterations 9", "--iterations must be at least 10, got 9")]
    [InlineData("bench qmp --commands 99", "--commands must be at least 100, got 99")]
    [InlineData("bench fairness --seeds 0", "--seeds must be at least 1, got 0")]
    [InlineData("bench fairness --schedules-per-seed 0", "--schedules-per-seed must be at least 1, got 0")]
    [InlineData("bench fairness --max-steps 9", "--max-steps must be at least 10 (the fair phase starts at a tenth of it), got 9")]
    [InlineData("explore spsc-channel --out /dev/null/t.json", "--out '/dev/null/t.json': /dev/null is not a folder")]
    [InlineData("hil run --junit /tmp", "--junit '/tmp' is a folder; give a file name")]
    [InlineData("run --junit /dev/null/a/j.xml", "--junit '/dev/null/a/j.xml': /dev/null is not a folder")]
    [InlineData("explore spsc-channel --report /dev/null/r.json", "--report '/dev/null/r.json': /dev/null is not a folder")]
    public void A_value_out_of_range_is_a_usage_error_named_at_parse_time(string commandLine, string message)
    {
        (int code, string output, string error) = Cli.Run(commandLine.Split(' '));
        Assert.True(code == ExitCode.CouldNotRun, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"error: {message}", error);
        Assert.Equal("", output); // nothing ran
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        (int code, _, string error) = Cli.Run();
        Assert.Equal(ExitCode.CouldNotRun, code);
        Assert.Contains("error: Required command was not provided.", error);
    }

    /// <summary>No command expects /proc to refuse its JUnit file: the run happens, then the write fails.</summary>
    [Fact]
    public void An_unexpected_error_is_one_line_and_exit_2_and_verbose_adds_the_stack_trace()
    {
        string[] run = ["run", "--manifest", Path.Combine(RepositoryPaths.Root, "components.toml"), "--junit", "/proc/kaal-test-junit.xml"];
        (int code, _, string error) = Cli.Run(run);
        Assert.True(code == ExitCode.CouldNotRun, error);
        Assert.StartsWith("error: --junit '/proc/kaal-test-junit.xml' could not be written: ", error); // the option is named
        Assert.DoesNotContain("   at ", error);

        (int verboseCode, _, string verbose) = Cli.Run([.. run, "--verbose"]);
        Assert.Equal(ExitCode.CouldNotRun, verboseCode);
        Assert.Contains("   at ", verbose);
    }

    [Fact]
    public void The_policy_is_in_the_help()
    {
        (int code, string output, _) = Cli.Run("--help");
        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("Exit codes: 0 ok; 1 the thing tested failed", output.ReplaceLineEndings(" "));
        Assert.Contains("130 interrupted (SIGINT), 143 terminated (SIGTERM)", output.ReplaceLineEndings(" "));
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }
        foreach (Command sub in command.Subcommands)
        {
            foreach ((string Path, Command Command) leaf in Leaves(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is Type value && (value == typeof(int) || value == typeof(long) || value == typeof(ulong) || value == typeof(double));
}
