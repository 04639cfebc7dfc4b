using System;
using Kaal.Hil.Qemu;

namespace Kaal.Hil.Targets;

/// <summary>Where a suite runs: a QEMU machine or a real board on a serial line.</summary>
public abstract record HilTarget
{
    public const string SerialPrefix = "serial:";

    /// <summary>As the user names it: qemu-virt, qemu-raspi3b, qemu-raspi4b, serial:/dev/ttyUSB0.</summary>
    public abstract string Name { get; }

    /// <summary>The file of a kernel image folder this target boots (kaal.elf, kernel8.img or kernel8-rpi4.img).</summary>
    public abstract string ImageFileName { get; }

    /// <summary>"qemu-virt", "qemu-raspi3b", "qemu-raspi4b" or "serial:PATH" with default settings.</summary>
    /// <exception cref="ArgumentException">any other text (the message names it and the choices).</exception>
    public static HilTarget Parse(string specification)
    {
        if (QemuTarget.TryParse(specification) is QemuTarget machine)
        {
            return new QemuHilTarget(new QemuLaunchOptions { Target = machine });
        }
        if (specification.StartsWith(SerialPrefix, StringComparison.Ordinal))
        {
            string path = specification[SerialPrefix.Length..];
            return path.Length > 0
                ? new SerialBoardTarget(path)
                : throw new ArgumentException($"target '{specification}' names no serial device: write serial:/dev/ttyUSB0 (or a Unix socket path)");
        }
        throw new ArgumentException($"unknown target '{specification}': expected {QemuTarget.NamesText}, or {SerialPrefix}PATH");
    }
}
