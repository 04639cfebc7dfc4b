namespace Kaal.Hil.Processes;

/// <summary>Says what a process exit code means. .NET reports a child killed by signal N as 128 + N.</summary>
public static class ExitStatus
{
    private const int SignalBase = 128;

    public static string Describe(int exitCode) => exitCode > SignalBase && exitCode <= SignalBase + 64
        ? $"exit code {exitCode}: killed by signal {exitCode - SignalBase}{SignalName(exitCode - SignalBase)}"
        : $"exit code {exitCode}";

    private static string SignalName(int signal) => signal switch
    {
        2 => " (SIGINT)",
        4 => " (SIGILL)",
        6 => " (SIGABRT: an assertion or abort() inside the process)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV: the process crashed)",
        15 => " (SIGTERM)",
        _ => "",
    };
}
