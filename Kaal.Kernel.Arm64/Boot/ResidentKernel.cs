using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The Model kernel this machine runs (the self-test scenarios boot their own, separate ones). It owns the
/// memory the image does not use, as untyped capabilities, schedules every core online (one Model core each) and
/// receives every core's timer tick.
/// </summary>
internal static class ResidentKernel
{
    private const int MaxBootRegionCount = 3;

    private static Kaal.Model.Kernel? s_kernel;

    internal static void Boot(in Platform platform, ulong imageEndAddress, uint coresOnline)
    {
        if (imageEndAddress <= platform.InstalledRam.BaseAddress || imageEndAddress >= platform.InstalledRam.EndAddress)
        {
            KernelPanic.HaltWithValue("resident kernel: image end outside installed RAM", imageEndAddress);
        }
        var regions = new BootRegion[MaxBootRegionCount];
        int regionCount = 0;
        regions[regionCount++] = new BootRegion(imageEndAddress, platform.InstalledRam.EndAddress - imageEndAddress, false);
        regions[regionCount++] = new BootRegion(platform.DevicesLow.BaseAddress, platform.DevicesLow.SizeBytes, true);
        if (platform.DevicesHigh.SizeBytes != 0)
        {
            regions[regionCount++] = new BootRegion(platform.DevicesHigh.BaseAddress, platform.DevicesHigh.SizeBytes, true);
        }
        KernelConfig config = KernelConfig.Default();
        config.CoreCount = (int)coresOnline;
        var kernel = new Kaal.Model.Kernel(config);
        KernelResult booted = kernel.Boot(regions, regionCount);
        if (!booted.IsOk)
        {
            KernelPanic.HaltWithValue("resident kernel: Kaal.Model boot failed; KernelError", (ulong)booted.Error);
        }
        s_kernel = kernel;
        KernelConsole.Write("Kaal.Model kernel booted: ");
        KernelConsole.WriteDecimal((ulong)kernel.BootInfo.UntypedCount);
        KernelConsole.Write(" untyped capabilities over ");
        KernelConsole.WriteHex(imageEndAddress);
        KernelConsole.Write("..");
        KernelConsole.WriteHex(platform.InstalledRam.EndAddress);
        KernelConsole.WriteLine(" and the MMIO ranges");
    }

    /// <summary>The root task's thread (Kaal.Model RootTask.cs), for user-space variants: it becomes the
    /// current thread of core 0, and its TCB and VSpace capabilities sit in root slots 1 and 3.</summary>
    internal static void CreateRootThread()
    {
        KernelResult created = Instance.CreateRootThread();
        if (!created.IsOk)
        {
            KernelPanic.HaltWithValue("resident kernel: root thread not created; KernelError", (ulong)created.Error);
        }
    }

    /// <summary>The booted kernel (user space runs only after <see cref="Boot"/>).</summary>
    internal static Kaal.Model.Kernel Instance => s_kernel!;

    /// <summary>From <paramref name="core"/>'s timer interrupt: the Model's scheduler accounts the tick (timeslices)
    /// and may preempt the core's current thread.</summary>
    internal static void OnTick(int core) => s_kernel?.Tick(core);

    /// <summary>A device interrupt, in the Model's numbering (Port/Interrupts.cs): the Model masks the line
    /// and signals the notification its handler names.</summary>
    internal static void OnDeviceInterrupt(int core, uint irq)
    {
        Kaal.Model.Kernel? kernel = s_kernel;
        if (kernel == null)
        {
            KernelPanic.HaltWithValue("device interrupt before the kernel booted; line", irq);
            return;
        }
        var machine = default(MachinePort);
        kernel.HandleInterrupt(ref machine, core, irq);
    }
}
