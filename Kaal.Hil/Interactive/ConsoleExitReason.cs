namespace Kaal.Hil.Interactive;

/// <summary>What ended an interactive console session.</summary>
public enum ConsoleExitReason
{
    /// <summary>The user typed Ctrl-A X.</summary>
    Quit,
    /// <summary>QEMU exited (semihosting: the kernel's exit code).</summary>
    TargetExited,
    /// <summary>The console connection closed (a board unplugged, QEMU gone).</summary>
    ConsoleClosed,
}
