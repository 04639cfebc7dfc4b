using Kaal.Hil.Processes;
using Kaal.Sdk.Sel4Test;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// The project's QEMU command line needs no firmware file: both machines boot the self-test with a QEMU whose
/// firmware search path holds only an empty folder (a machine without ipxe-qemu and the other recommends).
/// </summary>
[Collection(KernelImagesCollection.Name)]
public sealed class FirmwareFreeBootTests(KernelImages images, FirmwareFreeQemu qemu) : IClassFixture<FirmwareFreeQemu>
{
    [QemuTheory]
    [InlineData(KernelEntry.Virt)]
    [InlineData(KernelEntry.Raspi3b)]
    [InlineData(KernelEntry.Raspi4b)]
    public void SelfTest_boots_and_passes_with_no_firmware_files(KernelEntry entry)
    {
        ProcessOutcome run = KernelBoot.Run(entry, images.DirectoryOf(KernelImages.SelfTest), qemu.Executable, qemu.SearchPathArguments);
        string context = $"{entry}: exit {run.ExitCode}, timed out {run.TimedOut}\n{run.Output}";

        Assert.DoesNotContain("romfile", run.Output);
        Assert.False(run.TimedOut, context);
        Sel4TestProtocol protocol = Sel4TestProtocol.Parse(run.Output);
        Assert.NotEmpty(protocol.Tests);
        Assert.Equal((protocol.Tests.Count, 0), protocol.SuitePassed);
        Assert.True(run.ExitCode == 0, context);
    }

    /// <summary>The control: the same QEMU with virt's default network card stops at once for want of its
    /// option ROM, so the boots above prove that nothing else on the command line needs one.</summary>
    [QemuFact]
    public void Virt_with_its_default_network_card_needs_a_rom_this_QEMU_cannot_find()
    {
        string[] arguments = ["-M", "virt", "-display", "none", "-monitor", "none", "-serial", "none", .. qemu.SearchPathArguments];
        ProcessOutcome run = BoundedProcess.Run(qemu.Executable, arguments, qemu.EmptyFirmwareDirectory, KernelBoot.BootLimit);

        Assert.False(run.TimedOut, run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("failed to find romfile \"efi-virtio.rom\"", run.Output);
    }
}
