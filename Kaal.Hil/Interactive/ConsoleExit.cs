namespace Kaal.Hil.Interactive;

/// <summary>Why an interactive console session ended, and QEMU's exit code if QEMU ended it.</summary>
public sealed record ConsoleExit(ConsoleExitReason Reason, int? ExitCode);

public enum ConsoleExitReason
{
    /// <summary>The user typed Ctrl-A X.</summary>
    Quit,
    /// <summary>QEMU exited (semihosting: the kernel's exit code).</summary>
    TargetExited,
    /// <summary>The console connection closed (a board unplugged, QEMU gone).</summary>
    ConsoleClosed,
}
