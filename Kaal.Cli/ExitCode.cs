namespace Kaal.Cli;

/// <summary>
/// The exit codes of every kaal command (README "Exit codes", `kaal --help`). A script can tell "the thing under test
/// is broken" (1) from "kaal could not find out" (2), and both from a run someone stopped (130/143).
/// </summary>
public static class ExitCode
{
    /// <summary>The command did its job and what it tested is fine.</summary>
    public const int Ok = 0;

    /// <summary>The thing tested failed: a bug found, a test or suite not passed, a manifest with problems, a difference.</summary>
    public const int Failed = 1;

    /// <summary>The command could not do its job: a usage error, a missing or unreadable input, an unwritable output,
    /// a missing image, or any unexpected error.</summary>
    public const int CouldNotRun = 2;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The policy in one paragraph, for --help.</summary>
    public const string Policy =
        "Exit codes: 0 ok; 1 the thing tested failed (a bug, a failed test or suite, manifest problems, a difference); " +
        "2 the command could not do its job (usage error, missing or unreadable input, unwritable output, missing image); " +
        "130 interrupted (SIGINT), 143 terminated (SIGTERM).";
}
