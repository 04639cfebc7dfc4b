// The stub of every interface dispatch cell ILC emits (UserRuntime/InterfaceDispatch.cs): x0 = this, x11 = the cell,
// x1-x7 and q0-q7 the call's arguments, x8 its result buffer. They are kept across the resolver (a managed method,
// free to use them) and the resolved code is entered as if called directly: same registers, same return address.

    .text
    .balign 4
    .global RhpInitialDynamicInterfaceDispatch
RhpInitialDynamicInterfaceDispatch:
    stp     x29, x30, [sp, #-224]!
    mov     x29, sp
    stp     x0, x1, [sp, #16]
    stp     x2, x3, [sp, #32]
    stp     x4, x5, [sp, #48]
    stp     x6, x7, [sp, #64]
    str     x8, [sp, #80]
    stp     q0, q1, [sp, #96]
    stp     q2, q3, [sp, #128]
    stp     q4, q5, [sp, #160]
    stp     q6, q7, [sp, #192]
    mov     x1, x11
    bl      kaal_resolve_interface_call     // x0 = this, x1 = cell -> x0 = code
    mov     x16, x0
    ldp     q6, q7, [sp, #192]
    ldp     q4, q5, [sp, #160]
    ldp     q2, q3, [sp, #128]
    ldp     q0, q1, [sp, #96]
    ldr     x8, [sp, #80]
    ldp     x6, x7, [sp, #64]
    ldp     x4, x5, [sp, #48]
    ldp     x2, x3, [sp, #32]
    ldp     x0, x1, [sp, #16]
    ldp     x29, x30, [sp], #224
    br      x16
