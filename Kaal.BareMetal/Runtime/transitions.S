// Managed <-> native transitions. ILC brackets every [UnmanagedCallersOnly] method with
// RhpReversePInvoke/RhpReversePInvokeReturn and every DllImport without [SuppressGCTransition] with
// RhpPInvoke/RhpPInvokeReturn, so a GC could suspend threads there. The kernel has one thread and no
// GC, so they do nothing. RhpTrapThreads is the word the GC-poll fast path tests: always zero.

.macro NO_OP name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
    ret
.endm

    NO_OP RhpReversePInvoke
    NO_OP RhpReversePInvokeReturn
    NO_OP RhpPInvoke
    NO_OP RhpPInvokeReturn
    NO_OP RhpGcPoll

    .section .data.RhpTrapThreads, "aw"
    .global RhpTrapThreads
    .balign 4
RhpTrapThreads:
    .word   0
