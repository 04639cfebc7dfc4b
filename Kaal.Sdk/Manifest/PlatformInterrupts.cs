namespace Kaal.Sdk.Manifest;

/// <summary>
/// The interrupt lines a platform's kernel can hand a driver, in the Model's numbering (Kaal.Kernel.Arm64
/// Port/Interrupts.cs). GIC machines number lines as the GIC does; 0-15 are software-generated interrupts, never a
/// device's. On raspi3b the BCM2835 GPU lines are 0-63 and the BCM2836 per-core sources follow from 64, of which the
/// kernel delivers the EL1 physical timer (source 1 = line 65); its own tick is the virtual timer.
/// </summary>
public static class PlatformInterrupts
{
    public const uint GicFirstDeviceLine = 16;
    public const uint GicLastLine = 1019;
    public const uint Bcm2835LineCount = 64;
    public const uint Raspi3bPhysicalTimerLine = Bcm2835LineCount + 1;

    /// <summary>Whether <paramref name="line"/> can be a driver's on <paramref name="platform"/>; if not, which lines can.</summary>
    public static bool IsDeviceLine(Platform platform, uint line, out string lines)
    {
        if (platform == Platform.QemuRaspi3b)
        {
            lines = $"0..{Bcm2835LineCount - 1} (BCM2835 GPU lines) and {Raspi3bPhysicalTimerLine} (the EL1 physical timer)";
            return line < Bcm2835LineCount || line == Raspi3bPhysicalTimerLine;
        }
        lines = $"{GicFirstDeviceLine}..{GicLastLine} (0-15 are software-generated interrupts)";
        return line >= GicFirstDeviceLine && line <= GicLastLine;
    }
}
