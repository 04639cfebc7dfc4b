using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Addresses the linker script placed, as start.S hands them to kaal_main (kaal_boot_layout, same order).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BootLayout
{
    internal ulong ImageStartAddress;
    /// <summary>End of what the loader copies (code and initialized data).</summary>
    internal ulong ImageLoadEndAddress;
    /// <summary>End of everything the kernel owns, including .bss, page tables, stack and heap.</summary>
    internal ulong ImageEndAddress;
    internal ulong HeapStartAddress;
    internal ulong HeapEndAddress;
    internal ulong PageTablesStartAddress;
    internal ulong PageTablesEndAddress;
    internal ulong StackBottomAddress;
    internal ulong StackTopAddress;
    internal ulong ModulesStartAddress;
    internal ulong ModulesEndAddress;
    /// <summary>The page TTBR1 maps for every address space: exception vectors, EL0 entry and exit.</summary>
    internal ulong TrampolineAddress;
    /// <summary>The EL0 programs linked into the image (user-space variants; empty otherwise), page-aligned start.</summary>
    internal ulong UserImageStartAddress;
    internal ulong UserImageEndAddress;
}
