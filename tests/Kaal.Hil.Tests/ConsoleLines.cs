using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Serial;
using Xunit.Sdk;

namespace Kaal.Hil.Tests;

/// <summary>Bounded waits for a console line: a guest that never prints it fails the test, with the transcript.</summary>
internal static class ConsoleLines
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<string> WaitForAsync(SerialLineReader console, string prefix)
    {
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            while (await console.Lines.WaitToReadAsync(limit.Token))
            {
                while (console.Lines.TryRead(out string? line))
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new XunitException($"no console line starting '{prefix}' within {Limit.TotalSeconds} s; console so far:\n{string.Join('\n', console.Transcript())}");
    }
}
