// A word one core publishes and others wait for without spinning flat out: the waiter sleeps in WFE with its
// exclusive monitor armed on the word (LDAXR), so the publisher's store-release clears the monitor, which is an
// event that wakes it. Used for the boot core's "kernel ready" signal to the secondary cores (Boot/SecondaryCores.cs).

.macro FUNCTION name
    .section .text.\name, "ax"
    .global \name
    .balign 4
\name:
.endm

    FUNCTION kaal_wait_until_set        // void kaal_wait_until_set(uint* word): returns once *word != 0
    sevl                                // the first wfe falls through
1:  wfe
    ldaxr   w1, [x0]
    cbz     w1, 1b
    clrex
    ret

    FUNCTION kaal_publish               // void kaal_publish(uint* word, uint value): a store-release, then an event
    stlr    w1, [x0]
    sev                                 // for a waiter whose monitor was not armed yet
    ret
