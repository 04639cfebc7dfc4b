using System;
using System.CommandLine;
using Kaal.Hil.Qemu;
using Kaal.Hil.Serial;
using Kaal.Hil.Targets;

namespace Kaal.Cli.Commands;

/// <summary>The options that choose and tune a HIL target, shared by `kaal hil run` and `kaal boot`.</summary>
internal sealed class TargetOptions
{
    private readonly Option<string> _target = new("--target")
    {
        Description = $"{QemuTarget.VirtName} | {QemuTarget.Raspi3bName} | {QemuTarget.Raspi4bName} | serial:PATH (a board's UART device or a Unix socket)",
        DefaultValueFactory = _ => QemuTarget.VirtName,
    };
    private readonly Option<string?> _cpu = new("--cpu") { Description = $"{QemuTarget.VirtName} CPU: {string.Join(", ", QemuTarget.VirtCpus)} (default {QemuTarget.DefaultCpu})" };
    private readonly Option<int?> _memoryMiB = new Option<int?>("--memory-mib")
    {
        Description = $"{QemuTarget.VirtName} memory in MiB (default {QemuTarget.DefaultMemoryMiB}; the kernel needs at least that)",
    }.AtLeast(QemuTarget.MinimumMemoryMiB, "the kernel's minimum");
    private readonly Option<int?> _smp = new Option<int?>("--smp")
    {
        Description = $"{QemuTarget.VirtName} cores (-smp, multi-threaded TCG), 1..{QemuTarget.MaxVirtCores} (default: the system's [system] cores, else 1)",
    }.Positive();
    private readonly Option<int?> _baudRate = new Option<int?>("--baud") { Description = $"serial: baud rate of the board's UART (default {SerialDeviceStream.DefaultBaudRate})" }.Positive();
    private readonly Option<string?> _resetCommand = new("--reset-command")
    {
        Description = $"serial: shell command that resets or powers on the board, run after the console is open ({ShellReset.ImageVariable} = the image); default: reset it by hand",
    };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _target, _cpu, _memoryMiB, _smp, _baudRate, _resetCommand })
        {
            command.Options.Add(option);
        }
    }

    /// <exception cref="ArgumentException">a value that does not fit (the message names it).</exception>
    public HilTarget Parse(ParseResult parse)
    {
        string name = parse.GetValue(_target)!;
        HilTarget target = HilTarget.Parse(name);
        string? cpu = parse.GetValue(_cpu);
        int? memoryMiB = parse.GetValue(_memoryMiB);
        int? smp = parse.GetValue(_smp);
        int? baudRate = parse.GetValue(_baudRate);
        string? resetCommand = parse.GetValue(_resetCommand);
        switch (target)
        {
            case QemuHilTarget qemu:
                RefuseFor(name, "--baud", baudRate != null, "serial:PATH");
                RefuseFor(name, "--reset-command", resetCommand != null, "serial:PATH");
                if (cpu == null && memoryMiB == null && smp == null)
                {
                    return qemu;
                }
                RefuseFor(name, cpu != null ? "--cpu" : memoryMiB != null ? "--memory-mib" : "--smp", qemu.Launch.Target.Machine != QemuMachine.Virt, QemuTarget.VirtName);
                return new QemuHilTarget(qemu.Launch with { Target = QemuTarget.Virt(cpu ?? QemuTarget.DefaultCpu, memoryMiB ?? QemuTarget.DefaultMemoryMiB, cores: smp ?? 1) });
            case SerialBoardTarget board:
                RefuseFor(name, "--cpu", cpu != null, QemuTarget.VirtName);
                RefuseFor(name, "--memory-mib", memoryMiB != null, QemuTarget.VirtName);
                RefuseFor(name, "--smp", smp != null, QemuTarget.VirtName);
                return board with
                {
                    BaudRate = baudRate ?? SerialDeviceStream.DefaultBaudRate,
                    Reset = resetCommand != null ? ShellReset.For(resetCommand) : null,
                };
            default:
                return target;
        }
    }

    /// <summary>Whether --smp was given: a system on more cores than it says is refused, not silently given more.</summary>
    public bool CoresGiven(ParseResult parse) => parse.GetValue(_smp) != null;

    private static void RefuseFor(string target, string option, bool given, string appliesTo)
    {
        if (given)
        {
            throw new ArgumentException($"{option} applies to {appliesTo} only, not to target '{target}'");
        }
    }
}
