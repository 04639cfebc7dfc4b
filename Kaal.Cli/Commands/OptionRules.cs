using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Numerics;

namespace Kaal.Cli.Commands;

/// <summary>Range checks that run while the command line is parsed, so a bad value is a usage error (exit 2, the option
/// and the value named) before anything starts.</summary>
internal static class OptionRules
{
    /// <summary>The option's value must be at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum, string? reason = null) where T : struct, INumber<T> =>
        Check<Option<T>, T>(option, value => value >= minimum, $"at least {minimum}", reason);

    /// <summary>The option's value, when given, must be at least <paramref name="minimum"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum, string? reason = null) where T : struct, INumber<T> =>
        Check<Option<T?>, T>(option, value => value >= minimum, $"at least {minimum}", reason);

    /// <summary>The option's value must be above zero (seconds, rates); NaN is not.</summary>
    public static Option<T> Positive<T>(this Option<T> option) where T : struct, INumber<T> =>
        Check<Option<T>, T>(option, value => value > T.Zero, "positive", null);

    /// <summary>The option's value, when given, must be above zero.</summary>
    public static Option<T?> Positive<T>(this Option<T?> option) where T : struct, INumber<T> =>
        Check<Option<T?>, T>(option, value => value > T.Zero, "positive", null);

    /// <summary>The option names a file to write (its folders are created as needed): it must not be a folder, and no part
    /// of its folder path may be something other than a folder, so that a run is not thrown away at its end for want of
    /// a place to put the result.</summary>
    public static TOption OutputFile<TOption>(this TOption option) where TOption : Option
    {
        s_outputFiles.AddOrUpdate(option, option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }
            string path = result.Tokens[^1].Value;
            if (Directory.Exists(path))
            {
                result.AddError($"{option.Name} '{path}' is a folder; give a file name");
                return;
            }
            for (string? folder = Path.GetDirectoryName(Path.GetFullPath(path)); folder != null; folder = Path.GetDirectoryName(folder))
            {
                if (Directory.Exists(folder))
                {
                    return;
                }
                if (Path.Exists(folder))
                {
                    result.AddError($"{option.Name} '{path}': {folder} is not a folder");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>An argument (a scenario, a trace, reports) is never a word that looks like an option: `explore x --no-such`
    /// would otherwise take `--no-such` as a second argument or as the scenario, and report it as such.</summary>
    public static TArgument NoOptionLikeValues<TArgument>(this TArgument argument) where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"Unrecognized command or argument '{token.Value}'.");
                }
            }
        });
        return argument;
    }

    /// <summary>The output-file options of the command that failed, and their values: an I/O error that names one of these
    /// paths is reported with the option's name.</summary>
    public static string? NameOutputFailure(ParseResult parse, Exception error)
    {
        if (error is not (IOException or UnauthorizedAccessException))
        {
            return null;
        }
        foreach (Option option in parse.CommandResult.Command.Options)
        {
            if (!s_outputFiles.TryGetValue(option, out _) || parse.GetResult(option) is not { Tokens.Count: > 0 } given)
            {
                continue;
            }
            string path = given.Tokens[^1].Value;
            if (error.Message.Contains(path, StringComparison.Ordinal) || error.Message.Contains(Path.GetFullPath(path), StringComparison.Ordinal))
            {
                return $"{option.Name} '{path}' could not be written: {error.Message}";
            }
        }
        return null;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, Option> s_outputFiles = new();

    private static TOption Check<TOption, T>(TOption option, Func<T, bool> holds, string rule, string? reason)
        where TOption : Option where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            // Only a value given on the command line (defaults are right by construction), and only one that is a number:
            // the parser itself reports a value that is not.
            if (result.Tokens.Count > 0 && T.TryParse(result.Tokens[^1].Value, CultureInfo.InvariantCulture, out T value) && !holds(value))
            {
                result.AddError($"{option.Name} must be {rule}{(reason is null ? "" : $" ({reason})")}, got {result.Tokens[^1].Value}");
            }
        });
        return option;
    }
}
