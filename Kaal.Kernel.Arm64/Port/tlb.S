// TLB maintenance after user page-table changes (Port/UserPageTables.cs). Inner-shareable forms, so the
// code stays right when more cores run; the DSB before makes the table write visible to every walker,
// the DSB after waits for the invalidation to complete.

.macro FUNCTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    FUNCTION kaal_tables_written        // new entries only (nothing cached can be stale): publish them
    dsb     ishst
    ret

    FUNCTION kaal_tlb_invalidate_page   // x0 = ASID << 48 | VA >> 12: one page (and its walk entries) of one ASID
    dsb     ishst
    tlbi    vae1is, x0
    dsb     ish
    isb
    ret

    FUNCTION kaal_tlb_invalidate_asid   // x0 = ASID << 48: everything cached for one address space
    dsb     ishst
    tlbi    aside1is, x0
    dsb     ish
    isb
    ret
