using System.Collections.Generic;

namespace Kaal.Hil.Qemu;

/// <summary>Everything that decides a QEMU command line, except the session's own socket paths.</summary>
public sealed record QemuLaunchOptions
{
    public const string DefaultExecutable = "qemu-system-aarch64";

    public required QemuTarget Target { get; init; }

    /// <summary>The image passed to -kernel; null starts the machine without one (e.g. only to talk QMP).</summary>
    public string? KernelImagePath { get; init; }

    public string Executable { get; init; } = DefaultExecutable;

    public QemuSerialMode Serial { get; init; } = QemuSerialMode.Socket;

    /// <summary>Whether the session speaks QMP (the harness's socket, QEMU connects at start-up).</summary>
    public bool Qmp { get; init; } = true;

    /// <summary>The guest stays paused after start-up until a QMP cont (<see cref="QemuSession.ResumeAsync"/>). With QMP,
    /// QEMU always starts with -S and the session sends cont itself after the handshake unless this is set, so a
    /// guest can never run (or finish and make QEMU exit) before the harness is connected.</summary>
    public bool StartPaused { get; init; }

    /// <summary>-icount shift=N,align=off,sleep=off: virtual time advances 2^N ns per instruction, deterministically.</summary>
    public int? InstructionCountShift { get; init; }

    /// <summary>-semihosting: the kernel's exit code becomes QEMU's (0 passed, 1 tests failed, 2 panic).</summary>
    public bool Semihosting { get; init; } = true;

    /// <summary>-no-shutdown: QEMU stays up (paused) when the guest powers off, so it can still be inspected.</summary>
    public bool NoShutdown { get; init; }

    /// <summary>-no-reboot: a guest-initiated reset ends QEMU instead (note: it turns system_reset into a shutdown too).</summary>
    public bool NoReboot { get; init; }

    /// <summary>Appended as they are.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
