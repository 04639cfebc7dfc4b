using System;
using System.Collections.Generic;

namespace Kaal.Hil.Qemu;

/// <summary>
/// Builds QEMU's arguments. QMP and the socket serial use client-mode chardevs: the harness listens first and
/// QEMU connects while it starts, before the guest runs, so there is no connect-retry race and no early
/// console output is lost. No display, no HMP monitor on stdio (it would eat the console). No network card
/// (-nic none): virt would otherwise add a virtio NIC whose option ROM (efi-virtio.rom) comes from the Debian
/// package ipxe-qemu, which a machine set up without recommended packages does not have, and QEMU refuses to
/// start without it; the kernel has no network driver, so nothing is lost. Every device the command line names
/// works without any firmware file (tests: FirmwareFreeBootTests).
/// </summary>
public static class QemuCommandLine
{
    public const string QmpChardevId = "kaal-qmp";
    public const string SerialChardevId = "kaal-serial";

    /// <param name="qmpSocketPath">the harness's listening QMP socket; required when options.Qmp.</param>
    /// <param name="serialSocketPath">the harness's listening socket (Socket mode) or QEMU's own (ListeningSocket mode).</param>
    public static IReadOnlyList<string> Build(QemuLaunchOptions options, string? qmpSocketPath = null, string? serialSocketPath = null)
    {
        var arguments = new List<string>(options.Target.MachineArguments());
        arguments.AddRange(["-nic", "none", "-display", "none", "-monitor", "none"]);
        if (options.Qmp)
        {
            arguments.AddRange(["-chardev", $"socket,id={QmpChardevId},path={Required(qmpSocketPath, "the QMP socket")}", "-mon", $"chardev={QmpChardevId},mode=control"]);
        }
        switch (options.Serial)
        {
            case QemuSerialMode.Socket:
                arguments.AddRange(["-chardev", $"socket,id={SerialChardevId},path={Required(serialSocketPath, "the serial socket")}", "-serial", $"chardev:{SerialChardevId}"]);
                break;
            case QemuSerialMode.Pipe:
                arguments.AddRange(["-serial", "stdio"]);
                break;
            case QemuSerialMode.Pty:
                arguments.AddRange(["-serial", "pty"]);
                break;
            case QemuSerialMode.ListeningSocket:
                arguments.AddRange(["-serial", $"unix:{Required(serialSocketPath, "the serial socket")},server=on,wait=off"]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Serial, "unknown serial mode");
        }
        if (options.Semihosting)
        {
            arguments.Add("-semihosting");
        }
        if (options.InstructionCountShift is int shift)
        {
            if (shift is < 0 or > 10)
            {
                throw new ArgumentException($"-icount shift must be 0..10, got {shift}", nameof(options));
            }
            arguments.AddRange(["-icount", $"shift={shift},align=off,sleep=off"]);
        }
        else if (options.Target.Machine == QemuMachine.Virt && options.Target.Cores > 1)
        {
            // Every vCPU its own host thread, so the cores really run at once (-icount runs them round-robin on one
            // thread and cannot be combined with it).
            arguments.AddRange(["-accel", "tcg,thread=multi"]);
        }
        if (options.NoShutdown)
        {
            arguments.Add("-no-shutdown");
        }
        if (options.NoReboot)
        {
            arguments.Add("-no-reboot");
        }
        if (options.StartPaused || options.Qmp)
        {
            arguments.Add("-S"); // with QMP the session lets the guest run (cont) once the handshake is done: no race with it
        }
        if (options.KernelImagePath != null)
        {
            arguments.AddRange(["-kernel", options.KernelImagePath]);
        }
        arguments.AddRange(options.ExtraArguments);
        return arguments;
    }

    /// <summary>QEMU option values are comma-separated, so a comma inside a path is written twice.</summary>
    private static string Required(string? path, string what) =>
        (path ?? throw new ArgumentException($"{what} path is required for this configuration")).Replace(",", ",,", StringComparison.Ordinal);
}
