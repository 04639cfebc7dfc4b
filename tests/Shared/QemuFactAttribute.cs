using System.Runtime.CompilerServices;
using Kaal.Hil.Qemu;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>A fact that is skipped, with the reason, only when QEMU is not installed at all.
/// (Source shared by the test projects that boot QEMU.)</summary>
public sealed class QemuFactAttribute : FactAttribute
{
    public QemuFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!QemuInstallation.IsAvailable)
        {
            Skip = QemuInstallation.MissingReason;
        }
    }
}
