namespace Kaal.Model;

/// <summary>What a failed kernel assertion was checking; reported through the panic hook.</summary>
public enum AssertionSite : ushort
{
    None = 0,
    PanicHookMissing,
    SlotOutOfRange,
    SlotNotEmpty,
    SlotEmpty,
    ObjectRefStale,
    ObjectCountUnderflow,
    DestroyQueueOverflow,
    SlotPoolCorrupt,
    ObjectTableCorrupt,
    CdtLinkCorrupt,
    BoundExceeded,
    MappingTableCorrupt,
    /// <summary>A state copy between kernels of different configurations (or onto itself).</summary>
    SnapshotMismatch,
    /// <summary>A reply capability names a thread that is not blocked on reply (seL4 doReplyTransfer asserts the same).</summary>
    ReplyTargetNotWaiting,
}

/// <summary>
/// Assertions of invariants at function boundaries (TIGER_STYLE). A failure is a kernel bug, never a
/// user error: the hook that the host or the bare-metal kernel installed is called and must not return
/// (the simulator throws, the AArch64 kernel prints and powers off). No exceptions live in the Model.
/// </summary>
public static unsafe class KernelAssert
{
    private static delegate*<AssertionSite, ulong, void> s_panicHook;

    public static void InstallPanicHook(delegate*<AssertionSite, ulong, void> hook) => s_panicHook = hook;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void That(bool condition, AssertionSite site, ulong detail = 0)
    {
        if (!condition)
        {
            Fail(site, detail);
        }
    }

    public static void Fail(AssertionSite site, ulong detail)
    {
        delegate*<AssertionSite, ulong, void> hook = s_panicHook;
        if (hook != null)
        {
            hook(site, detail);
        }
        // No hook, or a hook that returned: halting is the only safe thing left.
        while (true)
        {
        }
    }
}
