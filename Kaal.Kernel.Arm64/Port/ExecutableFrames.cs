using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Code written into a frame becomes visible to instruction fetch when the frame is mapped executable: every
/// mapping with <see cref="Kaal.Model.VmRights.Execute"/> of a RAM frame first cleans the frame's data-cache lines to
/// the point of unification and invalidates the instruction caches of every core (<see cref="Arch.SynchronizeCode"/>).
/// Whoever wrote the code, the kernel (the root task's image) or a loader at EL0 (the root task and system_init copy
/// components' segments into fresh frames through a scratch mapping, then map them into the child: Kaal.Sdk
/// Spawner.LoadSegmentAsync), wrote it through cacheable data mappings before asking for the executable one, so the
/// map is the last moment the kernel can make it right, and no loader has to do cache maintenance itself (EL0 could
/// not, without SCTLR_EL1.UCI, and the simulator runs the same loaders). seL4 leaves this to user space
/// (seL4_ARM_Page_Unify_Instruction); the Model has no such invocation, so the port does it where the mapping
/// appears. Code written into a frame after it is mapped executable is not covered (nothing here does that).
/// </summary>
internal static class ExecutableFrames
{
    private static ulong s_pagesAtSetUp;
    private static ulong s_pagesFromUserSpace;

    /// <summary>Pages synchronized while the kernel set up the root task (its own copy of the root image).</summary>
    internal static ulong PagesAtSetUp => s_pagesAtSetUp;

    /// <summary>Pages synchronized for mappings user space asked for (the loaders' copies).</summary>
    internal static ulong PagesFromUserSpace => s_pagesFromUserSpace;

    internal static void BeforeMapping(ulong physAddr, int sizeBits)
    {
        Arch.SynchronizeCode(physAddr, 1UL << sizeBits);
        ulong pages = 1UL << (sizeBits - TranslationDescriptor.PageShift);
        if (UserSpace.HasEnteredUserSpace) s_pagesFromUserSpace += pages;
        else s_pagesAtSetUp += pages;
    }
}
