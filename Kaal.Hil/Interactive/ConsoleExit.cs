namespace Kaal.Hil.Interactive;

/// <summary>Why an interactive console session ended, and QEMU's exit code if QEMU ended it.</summary>
public sealed record ConsoleExit(ConsoleExitReason Reason, int? ExitCode);
