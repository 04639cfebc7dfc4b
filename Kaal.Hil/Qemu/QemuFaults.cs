using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Qmp;

namespace Kaal.Hil.Qemu;

/// <summary>
/// Fault injection and inspection through QMP, for HIL tests: pause and resume the guest, reset it in the
/// middle of a test, read its memory by physical or virtual address, capture its registers.
/// </summary>
public sealed class QemuFaults
{
    private readonly QemuSession _session;
    private int _dumpCount;

    public QemuFaults(QemuSession session)
    {
        _session = session;
    }

    private QmpClient Qmp => _session.Qmp ?? throw new InvalidOperationException("this QEMU session was started without QMP");

    /// <summary>Stops every vCPU; when this returns the guest executes nothing until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => Qmp.StopAsync(cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) => Qmp.ContAsync(cancellationToken);

    /// <summary>Presses the reset button: QEMU reloads the image and the guest boots again (a RESET event follows).</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => Qmp.SystemResetAsync(cancellationToken);

    /// <summary>Guest physical memory [address, address + sizeBytes), e.g. a channel's ring. Works while the guest runs
    /// (the bytes may then be changing) and while it is paused.</summary>
    public Task<byte[]> ReadPhysicalMemoryAsync(ulong address, int sizeBytes, CancellationToken cancellationToken = default) =>
        DumpAsync(sizeBytes, (file, token) => Qmp.PmemsaveAsync(address, (ulong)sizeBytes, file, token), cancellationToken);

    /// <summary>Guest virtual memory as vCPU <paramref name="cpuIndex"/>'s current translation maps it.</summary>
    public Task<byte[]> ReadVirtualMemoryAsync(ulong address, int sizeBytes, int cpuIndex = 0, CancellationToken cancellationToken = default) =>
        DumpAsync(sizeBytes, (file, token) => Qmp.MemsaveAsync(address, (ulong)sizeBytes, file, cpuIndex, token), cancellationToken);

    /// <summary>QEMU's "info registers" for every vCPU (PC, X0..X30, SP, PSTATE, ...).</summary>
    public Task<string> CaptureRegistersAsync(CancellationToken cancellationToken = default) =>
        Qmp.HumanMonitorCommandAsync("info registers -a", cancellationToken);

    private async Task<byte[]> DumpAsync(int sizeBytes, Func<string, CancellationToken, Task> dump, CancellationToken cancellationToken)
    {
        if (sizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "must be positive");
        }
        // QEMU writes the file itself: it must be a path QEMU can reach, i.e. on this machine.
        string file = Path.Combine(_session.WorkingDirectory, $"memory-{Interlocked.Increment(ref _dumpCount)}.bin");
        try
        {
            await dump(file, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
