using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Hil.Qemu;

namespace Kaal.Tests.Shared;

/// <summary>
/// A qemu-system-aarch64 that can find no firmware file at all: what a machine set up with only the packages
/// scripts/test.sh installs (and none of their recommends, such as ipxe-qemu) may look like, whatever this
/// machine has installed. `-L DIR` only puts DIR in front of QEMU's search path; the rest of the path is
/// relative to the executable (BIN/../share/qemu, BIN/../share/seabios, BIN/../lib/ipxe/qemu), so the
/// executable is copied into a private folder where those paths do not exist, and -L names an empty folder.
/// (Source shared by the test projects that boot QEMU.)
/// </summary>
public sealed class FirmwareFreeQemu : IDisposable
{
    private readonly string _root;

    public FirmwareFreeQemu()
    {
        string installed = QemuInstallation.ExecutablePath
            ?? throw new InvalidOperationException(QemuInstallation.MissingReason);
        _root = Path.Combine(Path.GetTempPath(), $"kaal-test-firmware-free-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string binary = Path.Combine(_root, "bin");
        EmptyFirmwareDirectory = Path.Combine(_root, "empty-firmware");
        Directory.CreateDirectory(binary);
        Directory.CreateDirectory(EmptyFirmwareDirectory);
        Executable = Path.Combine(binary, QemuLaunchOptions.DefaultExecutable);
        File.Copy(installed, Executable);
    }

    /// <summary>The private copy of qemu-system-aarch64.</summary>
    public string Executable { get; }

    public string EmptyFirmwareDirectory { get; }

    /// <summary>QEMU's firmware search path, pointed at the empty folder.</summary>
    public IReadOnlyList<string> SearchPathArguments => ["-L", EmptyFirmwareDirectory];

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
