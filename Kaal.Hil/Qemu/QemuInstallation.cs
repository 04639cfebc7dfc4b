using Kaal.Hil.Processes;

namespace Kaal.Hil.Qemu;

/// <summary>Whether qemu-system-aarch64 is installed (Debian package qemu-system-arm).</summary>
public static class QemuInstallation
{
    public static string? ExecutablePath { get; } = ExecutableSearch.Find(QemuLaunchOptions.DefaultExecutable);

    public static bool IsAvailable => ExecutablePath != null;

    public static string MissingReason =>
        $"{QemuLaunchOptions.DefaultExecutable} is not on PATH: install the Debian package qemu-system-arm (scripts/test.sh does).";
}
