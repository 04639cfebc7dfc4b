using System.Runtime.CompilerServices;
using Kaal.Hil.Qemu;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>A theory that is skipped, with the reason, only when QEMU is not installed at all.
/// (Source shared by the test projects that boot QEMU.)</summary>
public sealed class QemuTheoryAttribute : TheoryAttribute
{
    public QemuTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!QemuInstallation.IsAvailable)
        {
            Skip = QemuInstallation.MissingReason;
        }
    }
}
