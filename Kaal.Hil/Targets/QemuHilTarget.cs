using Kaal.Hil.Qemu;

namespace Kaal.Hil.Targets;

/// <summary>A QEMU machine. <paramref name="Launch"/> is the template (machine, CPU, memory, -icount,
/// semihosting, extra arguments); the runner fills in the image and the harness's console socket.</summary>
public sealed record QemuHilTarget(QemuLaunchOptions Launch) : HilTarget
{
    public override string Name => Launch.Target.Name;

    public override string ImageFileName => Launch.Target.ImageFileName;
}
