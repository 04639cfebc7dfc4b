using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace Kaal.Cli;

/// <summary>
/// Runs a parsed kaal command under the exit-code policy (<see cref="ExitCode"/>): a usage error is reported as
/// `error: ...` and exits 2 before anything runs; SIGINT/SIGTERM cancel the command and exit 130/143; any exception a
/// command lets out is `error: ...` and exit 2, with its stack trace only under --verbose. Commands return 0 or 1 for
/// what they tested and may simply throw when they cannot do their job.
/// </summary>
public static class CommandLineHost
{
    /// <summary>Every command accepts it: an unexpected error is shown with its stack trace.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "show the stack trace of an unexpected error",
        Recursive = true,
    };

    public static int Run(RootCommand root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (string message in parse.Errors.Select(error => error.Message).Distinct())
            {
                Console.Error.WriteLine($"error: {message}");
            }
            Console.Error.WriteLine($"(see: {CommandPath(parse.CommandResult)} --help)");
            return ExitCode.CouldNotRun;
        }
        using var signals = new InterruptSignals();
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            int code = parse.InvokeAsync(configuration, signals.Token).GetAwaiter().GetResult();
            return signals.ReceivedExitCode ?? code;
        }
        catch (OperationCanceledException) when (signals.ReceivedExitCode is int interrupted)
        {
            return interrupted;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"error: {Commands.OptionRules.NameOutputFailure(parse, error) ?? Describe(error)}");
            Console.Error.WriteLine(parse.GetValue(Verbose) ? error.ToString() : "(--verbose shows the stack trace)");
            return signals.ReceivedExitCode ?? ExitCode.CouldNotRun;
        }
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "kaal";

    /// <summary>The message, and the inner exception's when it adds something (a wrapper's own text often does not).</summary>
    private static string Describe(Exception error)
    {
        Exception inner = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        return inner.InnerException is Exception cause && !inner.Message.Contains(cause.Message, StringComparison.Ordinal)
            ? $"{inner.Message}: {cause.Message}"
            : inner.Message;
    }
}
