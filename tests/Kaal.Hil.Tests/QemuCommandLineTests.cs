using System;
using Kaal.Hil.Qemu;
using Kaal.Hil.Targets;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>QEMU command lines and target names: what each option turns into, and errors that name the bad value.</summary>
public sealed class QemuCommandLineTests
{
    [Fact]
    public void Virt_with_every_option()
    {
        var options = new QemuLaunchOptions
        {
            Target = QemuTarget.Virt("cortex-a72", 512, virtualization: true),
            KernelImagePath = "/images/kaal.elf",
            InstructionCountShift = 0,
            NoShutdown = true,
            StartPaused = true,
            ExtraArguments = ["-d", "guest_errors"],
        };
        Assert.Equal(
            "-M virt,virtualization=on -cpu cortex-a72 -m 512M -nic none -display none -monitor none " +
            "-chardev socket,id=kaal-qmp,path=/t/q,,1.sock -mon chardev=kaal-qmp,mode=control " +
            "-chardev socket,id=kaal-serial,path=/t/s.sock -serial chardev:kaal-serial " +
            "-semihosting -icount shift=0,align=off,sleep=off -no-shutdown -S -kernel /images/kaal.elf -d guest_errors",
            string.Join(' ', QemuCommandLine.Build(options, "/t/q,1.sock", "/t/s.sock")));
    }

    [Fact]
    public void Raspi4b_is_its_own_machine()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Raspi4b(), KernelImagePath = "k8.img", Serial = QemuSerialMode.Pipe, Qmp = false, Semihosting = false, NoReboot = true };
        Assert.Equal("-M raspi4b -nic none -display none -monitor none -serial stdio -no-reboot -kernel k8.img", string.Join(' ', QemuCommandLine.Build(options)));
    }

    [Fact]
    public void Raspi3b_with_a_pty_and_no_QMP()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Raspi3b(), KernelImagePath = "k8.img", Serial = QemuSerialMode.Pipe, Qmp = false, Semihosting = false, NoReboot = true };
        Assert.Equal("-M raspi3b -nic none -display none -monitor none -serial stdio -no-reboot -kernel k8.img", string.Join(' ', QemuCommandLine.Build(options)));
        Assert.Equal("kernel8.img", options.Target.ImageFileName);
    }

    [Fact]
    public void With_QMP_QEMU_always_starts_stopped_so_the_guest_cannot_outrun_the_handshake()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Virt(), KernelImagePath = "kaal.elf" };
        Assert.Contains("-S", QemuCommandLine.Build(options, "/t/q.sock", "/t/s.sock"));
        Assert.DoesNotContain("-S", QemuCommandLine.Build(options with { Qmp = false, Serial = QemuSerialMode.Pipe }));
    }

    [Fact]
    public void A_QEMU_listening_socket_serial()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Raspi3b(), Serial = QemuSerialMode.ListeningSocket, Qmp = false };
        Assert.Contains("unix:/t/uart.sock,server=on,wait=off", QemuCommandLine.Build(options, serialSocketPath: "/t/uart.sock"));
    }

    [Theory]
    [InlineData("cortex-a9", 128, "unknown CPU 'cortex-a9' for qemu-virt: expected one of cortex-a53, cortex-a57, cortex-a72")]
    [InlineData("cortex-a53", 0, "memory must be at least 128 MiB (the kernel's minimum), got 0")]
    [InlineData("cortex-a53", 64, "memory must be at least 128 MiB (the kernel's minimum), got 64")]
    public void Bad_virt_settings_name_the_value(string cpu, int memoryMiB, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => QemuTarget.Virt(cpu, memoryMiB));
        Assert.StartsWith(message, error.Message);
    }

    /// <summary>virt with several cores: -smp N and multi-threaded TCG (every vCPU its own host thread), except under
    /// -icount, which runs the vCPUs round-robin on one thread and refuses multi-threaded TCG.</summary>
    [Fact]
    public void Virt_with_several_cores_runs_them_on_host_threads_unless_counting_instructions()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Virt(cores: 2), KernelImagePath = "kaal.elf", Serial = QemuSerialMode.Pipe, Qmp = false, Semihosting = false };
        Assert.Equal("-M virt -cpu cortex-a53 -m 128M -smp 2 -nic none -display none -monitor none -serial stdio -accel tcg,thread=multi -kernel kaal.elf",
            string.Join(' ', QemuCommandLine.Build(options)));
        Assert.Equal("-M virt -cpu cortex-a53 -m 128M -smp 4 -nic none -display none -monitor none -serial stdio -icount shift=0,align=off,sleep=off -kernel kaal.elf",
            string.Join(' ', QemuCommandLine.Build(options with { Target = options.Target.WithVirtCores(4), InstructionCountShift = 0 })));
        Assert.Equal(4, QemuTarget.Raspi4b().Cores);
        Assert.StartsWith("qemu-virt cores (-smp) must be from 1 to 8", Assert.Throws<ArgumentException>(() => QemuTarget.Virt(cores: 0)).Message);
    }

    [Fact]
    public void Icount_shift_out_of_range_is_refused()
    {
        var options = new QemuLaunchOptions { Target = QemuTarget.Virt(), Qmp = false, Serial = QemuSerialMode.Pipe, InstructionCountShift = 11 };
        Assert.Contains("shift must be 0..10, got 11", Assert.Throws<ArgumentException>(() => QemuCommandLine.Build(options)).Message);
    }

    [Theory]
    [InlineData("qemu-virt", "qemu-virt", "kaal.elf")]
    [InlineData("qemu-raspi3b", "qemu-raspi3b", "kernel8.img")]
    [InlineData("qemu-raspi4b", "qemu-raspi4b", "kernel8-rpi4.img")]
    [InlineData("serial:/dev/ttyUSB0", "serial:/dev/ttyUSB0", "kernel8.img")]
    public void Targets_parse_by_name(string specification, string name, string image)
    {
        HilTarget target = HilTarget.Parse(specification);
        Assert.Equal(name, target.Name);
        Assert.Equal(image, target.ImageFileName);
    }

    [Theory]
    [InlineData("qemu-vert", "unknown target 'qemu-vert': expected qemu-virt, qemu-raspi3b or qemu-raspi4b, or serial:PATH")]
    [InlineData("serial:", "target 'serial:' names no serial device")]
    public void Unknown_targets_are_refused_by_name(string specification, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => HilTarget.Parse(specification)).Message);
    }
}
