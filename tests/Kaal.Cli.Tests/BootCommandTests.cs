using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal boot` as a user runs it (the kaal executable, stdin and stdout as pipes): typing reaches the
/// guest, and when the harness itself is killed outright its QEMU dies with it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BootCommandTests(KernelImages images)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private Process StartBoot()
    {
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kaal"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "boot", "--target", "qemu-virt", "--image", images.ImageOf(KernelImages.HangTest, "kaal.elf") })
        {
            startInfo.ArgumentList.Add(argument);
        }
        // Started like the harness starts QEMU: should this test host die, kaal (and so its QEMU) dies too.
        return ChildProcesses.Start(startInfo);
    }

    /// <summary>Reads the guest's console until the hang-test guest waits for a byte (bounded).</summary>
    private static void WaitForTheGuest(Process boot)
    {
        var read = System.Threading.Tasks.Task.Run(() =>
        {
            string? line;
            while ((line = boot.StandardOutput.ReadLine()) != null)
            {
                if (line.StartsWith("Starting test 0: WAITS_FOR_HOST_BYTE", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        });
        if (!(read.Wait(Limit) && read.Result))
        {
            boot.Kill(entireProcessTree: true); // so that its stderr ends and can be shown
            Assert.Fail($"the guest did not start its test; kaal's stderr: {boot.StandardError.ReadToEnd()}");
        }
    }

    [QemuFact]
    public void Typed_bytes_reach_the_guest_and_its_exit_code_is_kaal_boot_s()
    {
        using Process boot = StartBoot();
        try
        {
            WaitForTheGuest(boot);
            boot.StandardInput.Write('g'); // the hang-test guest passes once it receives a byte
            boot.StandardInput.Flush();
            Assert.True(boot.WaitForExit(Limit), "kaal boot did not end after the guest exited");
            Assert.Equal(0, boot.ExitCode);
            Assert.Contains("Test WAITS_FOR_HOST_BYTE passed", boot.StandardOutput.ReadToEnd());
        }
        finally
        {
            if (!boot.HasExited)
            {
                boot.Kill(entireProcessTree: true);
            }
        }
    }

    [QemuFact]
    public void Ctrl_A_X_quits_and_kills_QEMU()
    {
        using Process boot = StartBoot();
        try
        {
            WaitForTheGuest(boot);
            int qemu = Assert.Single(ProcessTable.QemuChildrenOf(boot.Id));
            boot.StandardInput.Write("\u0001x");
            boot.StandardInput.Flush();
            Assert.True(boot.WaitForExit(Limit), "kaal boot did not quit on Ctrl-A X");
            Assert.Equal(0, boot.ExitCode);
            Assert.Contains("quit (Ctrl-A X)", boot.StandardError.ReadToEnd());
            Assert.False(ProcessTable.IsAlive(qemu), $"QEMU {qemu} outlived kaal boot");
        }
        finally
        {
            if (!boot.HasExited)
            {
                boot.Kill(entireProcessTree: true);
            }
        }
    }

    [QemuFact]
    public void Killing_the_harness_outright_kills_its_QEMU()
    {
        using Process boot = StartBoot();
        int qemu = 0;
        try
        {
            WaitForTheGuest(boot);
            qemu = Assert.Single(ProcessTable.QemuChildrenOf(boot.Id));
            Signals.Send(boot.Id, Signals.Kill); // no cleanup code runs in kaal: only the kernel can kill QEMU now
            Assert.True(boot.WaitForExit(Limit));
            // The kernel delivers the parent-death signal at once; the bound only keeps a failure from hanging.
            using var limit = new CancellationTokenSource(Limit);
            while (ProcessTable.IsAlive(qemu) && !limit.IsCancellationRequested)
            {
                Thread.Sleep(50);
            }
            Assert.False(ProcessTable.IsAlive(qemu), $"QEMU {qemu} survived the SIGKILL of its harness (an orphan)");
        }
        finally
        {
            if (!boot.HasExited)
            {
                boot.Kill(entireProcessTree: true);
            }
            if (qemu != 0 && ProcessTable.IsAlive(qemu))
            {
                Signals.Send(qemu, Signals.Kill);
            }
        }
    }
}
