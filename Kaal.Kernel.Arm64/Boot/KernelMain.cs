using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Kaal.Kernel.Arm64.Port;
using Kaal.Kernel.Arm64.Runtime;
using Kaal.Kernel.Arm64.SelfTest;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The managed entry (called by start.S at EL1 with a stack, FP/SIMD on, .bss zeroed, vectors set).
/// Order matters: the MMU first (until then all memory is Device memory), then the heap, then static
/// data (which allocates), and only then code that may touch classes with reference-typed statics;
/// the other cores come online first, so that the resident Model kernel is booted with one scheduler core per core
/// online, and it exists before the first timer tick reaches it (the other cores go on only then). Then either
/// the variant's user space (which never comes back) or the kernel self-test.
/// This class has no static fields, so nothing runs before the steps below.
/// </summary>
internal static unsafe class KernelMain
{
    [UnmanagedCallersOnly(EntryPoint = "kaal_main")]
    private static void Main(ulong platformId, BootLayout* layout, ulong deviceTreeAddress)
    {
        Platform platform = Platform.For((PlatformId)platformId);
        if (!platform.IsKnown)
        {
            Machine.Exit(ExitCode.Panic); // no console to say why: the image was linked wrongly
        }
        KernelConsole.Initialize(platform.UartBaseAddress);
        Mmu.EnableIdentityMap(platform, layout->PageTablesStartAddress, layout->PageTablesEndAddress, layout->TrampolineAddress);
        KernelConsole.AddMiniUart(platform.MiniUartBaseAddress);
        KernelHeap.Initialize(layout->HeapStartAddress, layout->HeapEndAddress);
        StartupCodeHelpers.InitializeModules(layout->ModulesStartAddress, layout->ModulesEndAddress);
        Machine.Initialize(platform);
        ModelAssertionHook.Install();

        BootFigures.RecordFirstLine(Arch.ReadVirtualCounter());
        KernelConsole.Write("KaaL kernel (arm64) on ");
        KernelConsole.Write(platform.Name);
        KernelConsole.Write(": EL1, MMU on, image ");
        KernelConsole.WriteHex(layout->ImageStartAddress);
        KernelConsole.Write("..");
        KernelConsole.WriteHex(layout->ImageEndAddress);
        KernelConsole.Write(", device tree at ");
        KernelConsole.WriteHex(deviceTreeAddress);
        KernelConsole.WriteLine();

        SecondaryCores.Start(platform);
        ResidentKernel.Boot(platform, layout->ImageEndAddress, SecondaryCores.Online);
        Interrupts.Initialize(platform);
        GenericTimer.Start();
        SecondaryCores.Release();
        Arch.EnableInterrupts();

        VariantUserSpace.Run(layout); // returns only in variants without user space
        ExitCode result = SelfTestRunner.Run();
        BootFigures.Print();
        Machine.Exit(result);
    }
}
