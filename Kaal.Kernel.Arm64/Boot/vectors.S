// Exception vectors: all 16 entries (4 sources x sync/IRQ/FIQ/SError). Every entry saves the complete
// interrupted context into an ExceptionFrame on the current stack and calls the managed
// kaal_exception_entry(frame, vectorIndex). That returns only for an interrupt it handled; every other
// exception panics there (prints the frame, exits non-zero). FP/SIMD state is saved too, because the
// managed handler may use q registers that the interrupted code was using.
//
// ExceptionFrame layout (bytes), mirrored by Kaal.Kernel.Arm64.Boot.ExceptionFrame:
//   0..247 x0..x30   248 sp   256 elr   264 spsr   272 esr   280 far   288 fpcr   296 fpsr   304..815 q0..q31

    .equ    FRAME_BYTES, 816
    .equ    FRAME_Q0, 304

.macro VECTOR_ENTRY index
    .balign 0x80
    sub     sp, sp, #FRAME_BYTES
    stp     x0, x1, [sp, #0]
    mov     x0, #\index
    b       exception_common
.endm

    .section .text.vectors, "ax"
    .balign 0x800
    .global kaal_exception_vectors
kaal_exception_vectors:
    VECTOR_ENTRY 0      // current EL, SP_EL0: synchronous
    VECTOR_ENTRY 1      //                     IRQ
    VECTOR_ENTRY 2      //                     FIQ
    VECTOR_ENTRY 3      //                     SError
    VECTOR_ENTRY 4      // current EL, SP_ELx: synchronous
    VECTOR_ENTRY 5      //                     IRQ
    VECTOR_ENTRY 6      //                     FIQ
    VECTOR_ENTRY 7      //                     SError
    VECTOR_ENTRY 8      // lower EL, AArch64:  synchronous
    VECTOR_ENTRY 9      //                     IRQ
    VECTOR_ENTRY 10     //                     FIQ
    VECTOR_ENTRY 11     //                     SError
    VECTOR_ENTRY 12     // lower EL, AArch32:  synchronous
    VECTOR_ENTRY 13     //                     IRQ
    VECTOR_ENTRY 14     //                     FIQ
    VECTOR_ENTRY 15     //                     SError

exception_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    add     x1, sp, #FRAME_BYTES        // the interrupted code's sp
    stp     x30, x1, [sp, #240]
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #256]
    mrs     x2, esr_el1
    mrs     x3, far_el1
    stp     x2, x3, [sp, #272]
    mrs     x2, fpcr
    mrs     x3, fpsr
    stp     x2, x3, [sp, #288]
    add     x2, sp, #FRAME_Q0
    stp     q0, q1, [x2, #0]
    stp     q2, q3, [x2, #32]
    stp     q4, q5, [x2, #64]
    stp     q6, q7, [x2, #96]
    stp     q8, q9, [x2, #128]
    stp     q10, q11, [x2, #160]
    stp     q12, q13, [x2, #192]
    stp     q14, q15, [x2, #224]
    stp     q16, q17, [x2, #256]
    stp     q18, q19, [x2, #288]
    stp     q20, q21, [x2, #320]
    stp     q22, q23, [x2, #352]
    stp     q24, q25, [x2, #384]
    stp     q26, q27, [x2, #416]
    stp     q28, q29, [x2, #448]
    stp     q30, q31, [x2, #480]

    mov     x1, x0                      // vector index
    mov     x0, sp                      // ExceptionFrame*
    bl      kaal_exception_entry

    add     x2, sp, #FRAME_Q0
    ldp     q0, q1, [x2, #0]
    ldp     q2, q3, [x2, #32]
    ldp     q4, q5, [x2, #64]
    ldp     q6, q7, [x2, #96]
    ldp     q8, q9, [x2, #128]
    ldp     q10, q11, [x2, #160]
    ldp     q12, q13, [x2, #192]
    ldp     q14, q15, [x2, #224]
    ldp     q16, q17, [x2, #256]
    ldp     q18, q19, [x2, #288]
    ldp     q20, q21, [x2, #320]
    ldp     q22, q23, [x2, #352]
    ldp     q24, q25, [x2, #384]
    ldp     q26, q27, [x2, #416]
    ldp     q28, q29, [x2, #448]
    ldp     q30, q31, [x2, #480]
    ldp     x2, x3, [sp, #288]
    msr     fpcr, x2
    msr     fpsr, x3
    ldp     x2, x3, [sp, #256]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME_BYTES
    eret
