// A fair spin lock (ticket lock) for the cores: one 32-bit word, the ticket being served (owner) in the low
// halfword, the next ticket to hand out in the high halfword. A core takes a ticket with an exclusive
// add, then waits in WFE until the owner reaches it; the releasing store-release to the owner halfword clears
// the waiters' exclusive monitors, which wakes them (the local monitor armed by the load-acquire exclusive).
// Cores are served in the order they took their tickets, so none starves. Exclusives need the MMU on (Normal
// memory): every caller runs after the kernel map is on.

    .section .text.kaal_ticket_lock_acquire, "ax"
    .global kaal_ticket_lock_acquire    // void kaal_ticket_lock_acquire(uint* lockWord)
    .balign 4
kaal_ticket_lock_acquire:
    mov     w2, #0x10000
1:  ldaxr   w1, [x0]                    // w1 = owner | next << 16 as it was
    add     w3, w1, w2                  // next + 1
    stxr    w4, w3, [x0]
    cbnz    w4, 1b
    eor     w2, w1, w1, ror #16         // low half zero: our ticket (next) is the owner already
    tst     w2, #0xFFFF
    b.eq    3f
    sevl                                // the first wfe falls through
2:  wfe
    ldaxrh  w3, [x0]                    // the owner; arms the monitor the release clears
    eor     w2, w3, w1, lsr #16
    cbnz    w2, 2b
3:  ret

    .section .text.kaal_ticket_lock_release, "ax"
    .global kaal_ticket_lock_release    // void kaal_ticket_lock_release(uint* lockWord)
    .balign 4
kaal_ticket_lock_release:
    ldrh    w1, [x0]                    // only the holder writes the owner halfword
    add     w1, w1, #1
    stlrh   w1, [x0]
    ret
