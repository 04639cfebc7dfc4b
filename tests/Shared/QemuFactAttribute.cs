using Kaal.Hil.Qemu;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>A fact that is skipped, with the reason, only when QEMU is not installed at all.
/// (Source shared by the test projects that boot QEMU.)</summary>
public sealed class QemuFactAttribute : FactAttribute
{
    public QemuFactAttribute()
    {
        if (!QemuInstallation.IsAvailable)
        {
            Skip = QemuInstallation.MissingReason;
        }
    }
}
