using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>A theory that is skipped, with the reason, only when QEMU is not installed at all.</summary>
public sealed class QemuTheoryAttribute : TheoryAttribute
{
    public QemuTheoryAttribute()
    {
        if (!Qemu.IsAvailable)
        {
            Skip = $"{Qemu.Executable} is not on PATH: install the Debian package qemu-system-arm (scripts/test.sh does).";
        }
    }
}
