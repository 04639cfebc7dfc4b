using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Kaal.Packages.Tests;

/// <summary>A finished command: its exit code and everything it wrote (stdout then stderr), for assertions.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"$ {Command}  (exit {ExitCode})\n{Output}";
}

/// <summary>Runs a program to completion with a time limit; a command past its limit is killed with its process tree
/// and reported as such (exit -1), so no test hangs.</summary>
internal static class Commands
{
    public static CommandResult Run(string workingDirectory, TimeSpan limit, string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment) start.Environment[key] = value;
        }
        string command = program + " " + string.Join(' ', arguments);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(command, -1, $"killed after {limit.TotalSeconds:F0} s\n{output.Result}{errors.Result}");
        }
        process.WaitForExit();
        return new CommandResult(command, process.ExitCode, new StringBuilder(output.Result).Append(errors.Result).ToString());
    }
}
