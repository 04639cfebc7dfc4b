namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Everything that differs between the machines the kernel boots on, as plain numbers (no references,
/// so it can live in a static before statics are initialized). One constructor per machine.
/// </summary>
internal readonly struct Platform
{
    internal readonly PlatformId Id;
    /// <summary>Normal, cacheable memory in the identity map.</summary>
    internal readonly MemoryRange Ram;
    /// <summary>The RAM the machine has by default (QEMU's size; no device tree is parsed yet), inside <see cref="Ram"/>:
    /// what the resident Model kernel turns into untyped capabilities.</summary>
    internal readonly MemoryRange InstalledRam;
    /// <summary>Device memory (nGnRnE) in the identity map: all MMIO the port touches.</summary>
    internal readonly MemoryRange DevicesLow;
    internal readonly MemoryRange DevicesHigh;
    internal readonly ulong UartBaseAddress;
    /// <summary>The BCM2835 AUX block with the mini UART (the Raspberry Pis; 0 on virt): the console's second UART.</summary>
    internal readonly ulong MiniUartBaseAddress;
    /// <summary>The PL011's interrupt line in the Model's numbering (Port/Interrupts.cs).</summary>
    internal readonly uint UartInterruptLine;
    internal readonly InterruptControllerKind InterruptController;
    /// <summary>GICv2 distributor, or the BCM2836 local controller's base.</summary>
    internal readonly ulong InterruptControllerBaseAddress;
    /// <summary>GICv2 CPU interface (0 on other controllers).</summary>
    internal readonly ulong GicCpuInterfaceAddress;
    /// <summary>BCM2835 peripheral interrupt controller (raspi3b; 0 where the GIC has the device lines).</summary>
    internal readonly ulong PeripheralInterruptControllerAddress;
    /// <summary>Whether PSCI answers HVC calls (QEMU virt without EL2); the Raspberry Pis have no PSCI firmware.</summary>
    internal readonly bool HasPsciOverHvc;

    private Platform(PlatformId id, MemoryRange ram, MemoryRange installedRam, MemoryRange devicesLow, MemoryRange devicesHigh, ulong uartBaseAddress, ulong miniUartBaseAddress, uint uartInterruptLine,
        InterruptControllerKind interruptController, ulong interruptControllerBaseAddress, ulong gicCpuInterfaceAddress,
        ulong peripheralInterruptControllerAddress, bool hasPsciOverHvc)
    {
        Id = id;
        Ram = ram;
        InstalledRam = installedRam;
        DevicesLow = devicesLow;
        DevicesHigh = devicesHigh;
        UartBaseAddress = uartBaseAddress;
        MiniUartBaseAddress = miniUartBaseAddress;
        UartInterruptLine = uartInterruptLine;
        InterruptController = interruptController;
        InterruptControllerBaseAddress = interruptControllerBaseAddress;
        GicCpuInterfaceAddress = gicCpuInterfaceAddress;
        PeripheralInterruptControllerAddress = peripheralInterruptControllerAddress;
        HasPsciOverHvc = hasPsciOverHvc;
    }

    /// <summary>QEMU virt: RAM from 1 GiB; GIC at 128 MiB, PL011 at 144 MiB.</summary>
    internal static Platform Virt() => new(
        PlatformId.Virt,
        ram: new MemoryRange(0x4000_0000, 0x4000_0000),
        installedRam: new MemoryRange(0x4000_0000, 0x0800_0000), // QEMU virt's default -m 128M
        devicesLow: new MemoryRange(0x0800_0000, 0x0200_0000),
        devicesHigh: new MemoryRange(0, 0),
        uartBaseAddress: 0x0900_0000,
        miniUartBaseAddress: 0,
        uartInterruptLine: 33, // GIC SPI 1
        InterruptControllerKind.GicV2,
        interruptControllerBaseAddress: 0x0800_0000,
        gicCpuInterfaceAddress: 0x0801_0000,
        peripheralInterruptControllerAddress: 0,
        hasPsciOverHvc: true);

    /// <summary>BCM2837 (QEMU raspi3b, Raspberry Pi 3): the peripherals at 0x3F00_0000; the ARM local
    /// controller at 0x4000_0000; PL011 (QEMU's first serial port) at 0x3F20_1000, the AUX mini UART (the
    /// second) at 0x3F21_5040. RAM: the 1 GiB below the GPU's share, which the firmware takes from its top (a
    /// Pi with 1 GiB has gpu_mem = 76 MiB by default, so the ARM's part ends at 0x3B40_0000; QEMU reserves 64 MiB
    /// at 0x3C00_0000 for its framebuffer). The RAM from there to the peripherals is the VideoCore's, never untyped.</summary>
    internal static Platform Raspi3b() => new(
        PlatformId.Raspi3b,
        ram: new MemoryRange(0, 0x3B40_0000),
        installedRam: new MemoryRange(0, 0x3B40_0000),
        devicesLow: new MemoryRange(0x3F00_0000, 0x0100_0000),
        devicesHigh: new MemoryRange(0x4000_0000, 0x0020_0000),
        uartBaseAddress: 0x3F20_1000,
        miniUartBaseAddress: 0x3F21_5000, // QEMU's second serial port
        uartInterruptLine: 57, // BCM2835 GPU line INTERRUPT_UART0
        InterruptControllerKind.Bcm2836Local,
        interruptControllerBaseAddress: 0x4000_0000,
        gicCpuInterfaceAddress: 0,
        peripheralInterruptControllerAddress: 0x3F00_B200,
        hasPsciOverHvc: false);

    /// <summary>BCM2711 (QEMU raspi4b, Raspberry Pi 4), in the firmware's default "low peripheral" mode: the main
    /// peripherals at 0xFE00_0000 (PL011 UART0 at 0xFE20_1000), the ARM local block at 0xFF80_0000 with the GIC-400
    /// inside it (distributor 0xFF84_1000, CPU interface 0xFF84_2000); the generic timer's PPIs as on virt (27
    /// virtual, 30 EL1 physical); UART0 on GIC SPI 121 = INTID 153. RAM: the first GiB below the GPU's share (a
    /// Pi 4's default gpu_mem of 76 MiB ends the ARM's part at 0x3B40_0000; QEMU's 64 MiB leaves a little more);
    /// the RAM above 1 GiB is not used yet.</summary>
    internal static Platform Raspi4b() => new(
        PlatformId.Raspi4b,
        ram: new MemoryRange(0, 0x3B40_0000),
        installedRam: new MemoryRange(0, 0x3B40_0000),
        devicesLow: new MemoryRange(0xFE00_0000, 0x0180_0000),
        devicesHigh: new MemoryRange(0xFF80_0000, 0x0080_0000),
        uartBaseAddress: 0xFE20_1000,
        miniUartBaseAddress: 0xFE21_5000, // QEMU's second serial port
        uartInterruptLine: 153, // GIC SPI 121
        InterruptControllerKind.GicV2,
        interruptControllerBaseAddress: 0xFF84_1000,
        gicCpuInterfaceAddress: 0xFF84_2000,
        peripheralInterruptControllerAddress: 0,
        hasPsciOverHvc: false);

    internal bool IsKnown => Id == PlatformId.Virt || Id == PlatformId.Raspi3b || Id == PlatformId.Raspi4b;

    internal static Platform For(PlatformId id) =>
        id == PlatformId.Virt ? Virt() : id == PlatformId.Raspi3b ? Raspi3b() : id == PlatformId.Raspi4b ? Raspi4b() : default;

    internal string Name => Id == PlatformId.Virt ? "qemu-virt" : Id == PlatformId.Raspi3b ? "raspi3b" : "raspi4b";
}
