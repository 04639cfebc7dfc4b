using Kaal.Hil.Qemu;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>A theory that is skipped, with the reason, only when QEMU is not installed at all.
/// (Source shared by the test projects that boot QEMU.)</summary>
public sealed class QemuTheoryAttribute : TheoryAttribute
{
    public QemuTheoryAttribute()
    {
        if (!QemuInstallation.IsAvailable)
        {
            Skip = QemuInstallation.MissingReason;
        }
    }
}
