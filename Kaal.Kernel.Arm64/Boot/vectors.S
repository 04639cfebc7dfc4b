// Exception vectors and the EL0 entry/exit path: the trampoline page.
//
// TTBR1 maps this one page (section .text.kaal_trampoline, exactly a page: Link/kaal.ld) at
// Port/Mmu.cs TrampolineVirtualAddress in every address space, because while user code runs TTBR0 holds
// the user's tables and the kernel's own addresses are unmapped. Once user space starts, VBAR_EL1 points
// at that alias; before, at the page's own (identity-mapped) address. Everything in the page is
// position-independent or uses absolute kernel addresses only after TTBR0 holds the kernel's map again.
//
// From the kernel (vectors 0-7): save the whole context into an ExceptionFrame on the kernel stack and
// call kaal_exception_entry(frame, vector), which returns only for an interrupt it handled (anything
// else panics there). FP/SIMD state is saved too: the managed handler may use any q register.
//
// From EL0 (vectors 8-15): switch TTBR0 to the kernel's map (ASID 0), save the thread's registers
// straight into the Model's register block for that thread (no copy), take the big kernel lock
// (Port/big_kernel_lock.S), and call kaal_user_exception(vector, ESR_EL1, FAR_EL1). That hands the event to the Model and returns once
// kaal_user_resume names the thread to run (maybe another one, maybe after idling); the exit path loads
// that thread's registers, switches TTBR0 to its address space (ASID in bits 63:48) and erets. The lock is
// released just before the registers are loaded (as seL4 releases it in c_exit before restore_user_context).
//
// Several cores: each has its own kaal_user_resume record, at the top of its own kernel stack (the 32 bytes
// above the SP_EL1 it runs user code with: Boot/start.S kaal_core_resume_address). The kernel stack is empty
// whenever user code runs, so at every entry from EL0 SP_EL1 is exactly this core's record and the paths below
// find it with `mov xN, sp` (before they push anything, or after they popped it again).
//
// An SVC (vector 8, ESR class SVC64) takes the syscall fast entry instead (el0_svc): it saves only x0-x18 and
// x30 (what compiled code may clobber) and dispatches on the number still in x8: Poll to kaal_user_fast_poll
// (Kaal.Model Kernel.TryFastPoll, a leaf), the other numbers some fast path handles (FAST_SYSCALL_NUMBERS) to
// kaal_user_fast_syscall (Kernel.TryFastSyscall), everything else straight to the general path
// (kaal_user_slow_syscall, after saving the rest). When the caller continues, the exit reloads only what was
// saved; a switch or a declined fast path saves x19-x29, sp, pc and pstate first (el0_svc_save_rest).
//
// FP/SIMD state moves lazily, as in seL4: the CPU's FP/SIMD registers, FPSR and FPCR belong to one
// thread, the FP owner (Boot/UserSpace.cs), while other threads' states wait in their FP/SIMD blocks. A
// thread that is not the owner runs with EL0 FP/SIMD access trapped (CPACR_EL1.FPEN = 0b01); its first
// FP/SIMD instruction traps, the kernel stores the owner's registers and loads the thread's
// (kaal_fp_take_over below), makes it the owner, and resumes it at that instruction. So threads that never
// use FP/SIMD never cost a save or load, and switching between them costs one CPACR write. The kernel's own
// code uses no FP/SIMD register but v16 and v17, and never FPSR, FPCR or TPIDR_EL0 (build/check_kernel_simd.sh
// checks the compiled kernel), so while the kernel runs, the CPU still holds the owner's other registers:
// entry saves q16/q17 if the interrupted thread is the owner, exit loads them back when it resumes the owner.
// The Model's FP/SIMD block of the owner is therefore current only in q16/q17; the Model never reads FP/SIMD
// words (it only zeroes a new TCB's). Exceptions taken in the kernel (exception_common) save and restore
// everything, so they disturb nothing. TPIDR_EL0 moves at every thread switch (Previous set): the previous
// thread's goes to its record (a scratch record in some cases), the new one's comes in.
//
// ExceptionFrame layout (bytes), mirrored by Kaal.Kernel.Arm64.Boot.ExceptionFrame:
//   0..247 x0..x30   248 sp   256 elr   264 spsr   272 esr   280 far   288 fpcr   296 fpsr   304..815 q0..q31
// Model register block (Kaal.Model.UserContext): 0..247 x0..x30, 248 sp, 256 pc, 264 pstate.
// Model FP/SIMD block: 0..511 q0..q31 (low word first), 512 fpsr, 520 fpcr.
// kaal_user_resume (Port/UserResume.cs, one per core at SP_EL1): 0 the resumed thread's record, 8 the previous thread's record after a
// switch (else 0), 16 the CPACR_EL1 value to run it with (EL0 FP/SIMD access allowed: it is the owner). Thread record (Port/ThreadResume.cs): 0 register block, 8 FP/SIMD block,
// 16 TPIDR_EL0 while off the CPU, 24 TTBR0 value.

    .equ    FRAME_BYTES, 816
    .equ    FRAME_Q0, 304
    .equ    CONTEXT_SP, 248
    .equ    CONTEXT_PC, 256
    .equ    FP_STATUS, 512
    .equ    FP_Q16, 256
    .equ    RESUME_CURRENT, 0
    .equ    RESUME_PREVIOUS, 8
    .equ    RESUME_CPACR, 16
    // CPACR_EL1.FPEN is bits 21:20; bit 20 stays set (EL1 never traps), bit 21 set: EL0 does not trap either,
    // which is the case exactly for the FP/SIMD owner.
    .equ    CPACR_FPEN_EL0_BIT, 21
    .equ    THREAD_REGISTERS, 0
    .equ    THREAD_FP, 8
    .equ    THREAD_POINTER, 16
    .equ    THREAD_TTBR0, 24
    // SPSR for EL0: only the condition flags survive; M = EL0t (AArch64), D/A/I/F clear. A saved PSTATE
    // comes from the CPU or is zero, but the exit path never trusts memory to choose the exception level.
    .equ    SPSR_USER_MASK, 0xF0000000
    // ESR_EL1.EC (bits 31:26) of an SVC from AArch64 (Port/ExceptionSyndrome.cs ClassSvc64).
    .equ    ESR_CLASS_SHIFT, 26
    .equ    ESR_CLASS_SVC64, 0x15
    // Kaal.Model.FastSyscallOutcome: 0 not taken, 1 the caller continues, 2 switched.
    .equ    FAST_SYSCALL_NOT_TAKEN, 0
    .equ    FAST_SYSCALL_CALLER_CONTINUES, 1
    // Port/big_kernel_lock.S: the holding core's index + 1.
    .equ    BKL_HOLDER, 4
    // Kaal.Model.Syscall.Poll, which has an export of its own (kaal_user_fast_poll), and
    // Kaal.Model.Kernel.FastPathSyscalls, the numbers some fast path handles, one bit each: every other syscall
    // goes straight to the general path (tests/Kaal.Kernel.Arm64.Tests SyscallFastEntryContractTests compares both).
    .equ    SYSCALL_POLL, 0x1A
    // What an entry from EL0 that has to wait for the lock is (w1 to kaal_bkl_acquire, kept in its waiting word):
    // the vector index (8-15), or this for a syscall (Port/BigKernelLock.cs SyscallEntry).
    .equ    ENTRY_SYSCALL, 16
    .equ    FAST_SYSCALL_NUMBERS, 0x7000050

// MPIDR_EL1.Aff0, the core's index on virt and the BCM283x: the exports' core argument.
.macro CORE_INDEX register
    mrs     \register, mpidr_el1
    and     \register, \register, #0xFF
.endm

.macro KERNEL_VECTOR index
    .balign 0x80
    sub     sp, sp, #FRAME_BYTES
    stp     x0, x1, [sp, #0]
    mov     x0, #\index
    ldr     x1, =exception_common
    br      x1
.endm

// The kernel's map is the first table of the page-table region (Port/Mmu.cs), with ASID 0. Leaves x0 = the
// interrupted thread's register block, with its x0 and x1 saved there; x1 free.
.macro USER_VECTOR_SAVE_X0_X1
    msr     tpidr_el1, x0
    ldr     x0, =__kaal_page_tables_start
    msr     ttbr0_el1, x0
    isb
    mov     x0, sp                      // this core's kaal_user_resume
    ldr     x0, [x0, #RESUME_CURRENT]
    ldr     x0, [x0, #THREAD_REGISTERS]
    str     x1, [x0, #8]
    mrs     x1, tpidr_el1
    str     x1, [x0, #0]
.endm

.macro USER_VECTOR index
    .balign 0x80
    USER_VECTOR_SAVE_X0_X1
    mov     x1, #\index
    b       el0_entry
.endm


// \op (stp saves, ldp loads) registers \kind<a> and \kind<b>, then the rest of the list two at a time, each at
// \scale * its number bytes from \base: the Model's register block (UserContext), ExceptionFrame's x0..x30 and
// the FP/SIMD blocks all keep register n there, so one list of registers serves both directions.
.macro REG_PAIRS op, base, kind, scale, a, b, rest:vararg
    \op     \kind\a, \kind\b, [\base, #(\scale * \a)]
    .ifnb \rest
    REG_PAIRS \op, \base, \kind, \scale, \rest
    .endif
.endm

// x2-x17 of a register block, which both the full and the fast entry save and both exits load.
.macro X2_TO_X17 op, block
    REG_PAIRS \op, \block, x, 8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
.endm

// x18-x29 of a register block: what the full entry and the kernel's exceptions save beyond x2-x17.
.macro X18_TO_X29 op, block
    REG_PAIRS \op, \block, x, 8, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29
.endm

// The rest of a thread's registers, which the syscall fast entry leaves in the CPU: x19-x29, sp, pc, pstate.
// Clobbers x2, x3.
.macro SAVE_REST block
    REG_PAIRS stp, \block, x, 8, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28
    str     x29, [\block, #232]
    mrs     x2, sp_el0
    str     x2, [\block, #CONTEXT_SP]
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [\block, #CONTEXT_PC]
.endm

// A thread's FP/SIMD registers other than q16/q17, which entry saves and exit loads for the owner.
.macro FP_THREAD_OWNED op, base
    REG_PAIRS \op, \base, q, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
.endm

// All of a thread's FP/SIMD registers: the thread-owned ones and q16/q17.
.macro FP_ALL op, base
    FP_THREAD_OWNED \op, \base
    \op     q16, q17, [\base, #FP_Q16]
.endm

// At an entry from EL0: if the interrupted thread is the FP/SIMD owner (this core's record lets EL0 use FP/SIMD),
// q16/q17, the only FP/SIMD registers kernel code uses, go to its FP/SIMD block; if it is not the owner, nothing of
// its FP/SIMD state is in the CPU. Clobbers x2 and x3.
.macro SAVE_OWNER_Q16_Q17
    mov     x2, sp                      // this core's kaal_user_resume
    ldr     x3, [x2, #RESUME_CPACR]
    tbz     x3, #CPACR_FPEN_EL0_BIT, 1f
    ldr     x2, [x2, #RESUME_CURRENT]
    ldr     x2, [x2, #THREAD_FP]
    stp     q16, q17, [x2, #FP_Q16]
1:
.endm

// At an exit to EL0, x2 = the CPACR_EL1 value the thread runs with and x9 = its record: the FP/SIMD owner gets its
// q16/q17 back (the rest of its FP/SIMD state never left the CPU). Clobbers x0.
.macro LOAD_OWNER_Q16_Q17
    tbz     x2, #CPACR_FPEN_EL0_BIT, 2f
    ldr     x0, [x9, #THREAD_FP]
    ldp     q16, q17, [x0, #FP_Q16]
2:
.endm

// What the syscall fast entry saved of the caller (x2-x18 and x30), and what the full entry saved (x2-x30), from
// the register block at x0: the loads of the two exits (x0 and x1 come last, in ERET_TO_USER).
.macro LOAD_FAST_SAVED
    X2_TO_X17 ldp, x0
    ldr     x18, [x0, #144]
    ldr     x30, [x0, #240]
.endm

.macro LOAD_ALL_SAVED
    X2_TO_X17 ldp, x0
    X18_TO_X29 ldp, x0
    ldr     x30, [x0, #240]
.endm

// The last steps of both exits: x0 = the thread's register block, x9 = its record. \restore (LOAD_FAST_SAVED or
// LOAD_ALL_SAVED) loads what the entry saved; the thread's x1 waits in TPIDR_EL1 while TTBR0 switches to the
// thread's address space, after which only this page is mapped.
.macro ERET_TO_USER restore
    ldr     x1, [x0, #8]
    msr     tpidr_el1, x1               // the thread's x1, for after the switch
    ldr     x1, [x9, #THREAD_TTBR0]
    \restore
    ldr     x0, [x0, #0]
    msr     ttbr0_el1, x1               // from here on only this page is mapped; ERET synchronizes
    mrs     x1, tpidr_el1
    eret
.endm

    .section .text.kaal_trampoline, "ax"
    .balign 0x1000
    .global kaal_exception_vectors
kaal_exception_vectors:
    KERNEL_VECTOR 0     // current EL, SP_EL0: synchronous
    KERNEL_VECTOR 1     //                     IRQ
    KERNEL_VECTOR 2     //                     FIQ
    KERNEL_VECTOR 3     //                     SError
    KERNEL_VECTOR 4     // current EL, SP_ELx: synchronous
    KERNEL_VECTOR 5     //                     IRQ
    KERNEL_VECTOR 6     //                     FIQ
    KERNEL_VECTOR 7     //                     SError
    // lower EL, AArch64: synchronous (SVC, aborts, undefined instructions, ...); an SVC takes the fast entry
    .balign 0x80
    USER_VECTOR_SAVE_X0_X1
    mrs     x1, esr_el1
    lsr     x1, x1, #ESR_CLASS_SHIFT
    cmp     x1, #ESR_CLASS_SVC64
    b.eq    el0_svc
    mov     x1, #8
    b       el0_entry
    USER_VECTOR 9       // lower EL, AArch64:  IRQ
    USER_VECTOR 10      //                     FIQ
    USER_VECTOR 11      //                     SError
    USER_VECTOR 12      // lower EL, AArch32:  never (EL0 always runs AArch64), reported as a panic
    USER_VECTOR 13
    USER_VECTOR 14
    USER_VECTOR 15

// x0 = the thread's register block (its x0 and x1 saved there), x1 = vector index; TTBR0 = the kernel's map.
el0_entry:
    X2_TO_X17 stp, x0
    X18_TO_X29 stp, x0
    mrs     x2, sp_el0
    stp     x30, x2, [x0, #240]
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [x0, #CONTEXT_PC]
    SAVE_OWNER_Q16_Q17
    ldr     x9, =kaal_bkl_acquire       // keeps x0-x8
    blr     x9
    mov     x0, x1
    mrs     x1, esr_el1
    mrs     x2, far_el1
    CORE_INDEX x3
    ldr     x9, =kaal_user_exception
    blr     x9
    b       el0_exit

// The syscall fast entry (seL4's fastpath is entered the same way, before the full save): x0 = the calling
// thread's register block (its x0 and x1 saved there). Saves only what the compiled kernel code may clobber,
// x2-x18 and x30; x19-x29 stay in the CPU (callee-saved: kaal_user_fast_syscall preserves them), sp, pc and
// pstate in SP_EL0, ELR_EL1 and SPSR_EL1 (no exception is taken in between). The Model's fast paths read only
// x0-x5 and x8 of the caller and write only x0-x7 of any thread (Kaal.Model Kernel.TryFastSyscall), so the
// stale words are read by nobody; they are saved before anything else can run: the general path (outcome 0) or
// a switch to another thread (outcome 2). When the caller continues (outcome 1), the exit reloads only what
// was saved: nothing else of it changed, neither its thread record nor CPACR_EL1 nor TPIDR_EL0.
el0_svc:
    X2_TO_X17 stp, x0
    str     x18, [x0, #144]
    str     x30, [x0, #240]
    SAVE_OWNER_Q16_Q17
    ldr     x9, =kaal_bkl_try_acquire   // keeps x0-x8: the block and the syscall number
    blr     x9
    cbnz    w12, el0_svc_contended
    mov     x1, x0                      // the caller's register block
    CORE_INDEX x0                       // every export's first argument
    ldr     x10, =kaal_big_kernel_lock  // the fast exports enter the Model at once: check here that this core
    ldr     w10, [x10, #BKL_HOLDER]     // holds the lock (Port/BigKernelLock.cs checks it on the other paths)
    add     w11, w0, #1
    cmp     w10, w11
    b.ne    el0_svc_lock_not_held
    ldr     x9, =kaal_user_fast_poll    // the syscall number is still in x8
    cmp     x8, #SYSCALL_POLL
    b.eq    el0_svc_poll
    ldr     x9, =kaal_user_fast_syscall
    mov     x2, #(FAST_SYSCALL_NUMBERS & 0xFFFF)
    movk    x2, #(FAST_SYSCALL_NUMBERS >> 16), lsl #16
    lsr     x2, x2, x8                  // by x8 modulo 64: a false positive only costs the Model's own check
    tbz     x2, #0, el0_svc_general
3:  str     x1, [sp, #-16]!         // the caller's register block
    blr     x9
    ldr     x1, [sp], #16
    cmp     w0, #FAST_SYSCALL_CALLER_CONTINUES
    b.ne    el0_svc_save_rest
    b       el0_svc_continue
// Poll never switches (Kaal.Model Kernel.TryFastPoll: the caller continues, or nothing changed), so the caller's
// register block is still the current record's after the call and need not be kept on the stack.
el0_svc_poll:
    blr     x9
    mov     x8, sp
    ldr     x9, [x8, #RESUME_CURRENT]
    ldr     x1, [x9, #THREAD_REGISTERS]
    cbz     w0, el0_svc_save_rest       // not taken
el0_svc_continue:                       // x1 = the caller's register block
    ldr     x10, =kaal_bkl_release      // keeps x0-x8
    blr     x10
    mov     x8, sp                      // this core's kaal_user_resume
    ldr     x9, [x8, #RESUME_CURRENT]   // the caller's record: unchanged when it continues
    ldr     x2, [x8, #RESUME_CPACR]
    LOAD_OWNER_Q16_Q17
    mov     x0, x1
    ERET_TO_USER LOAD_FAST_SAVED
el0_svc_lock_not_held:                  // w10 = the holder (core + 1): a kernel panic, which never returns
    mov     w0, w10
    ldr     x9, =kaal_bkl_not_held
    blr     x9
// The lock is taken: the rest of the caller's registers go to its block before this core waits, because the
// holder may stall it and act on the thread meanwhile (Boot/UserSpace.cs StallThread: the registers it writes are
// the ones the exit loads, and it restarts the syscall itself). The general path then handles it from the start.
el0_svc_contended:                      // x0 = the caller's register block
    SAVE_REST x0
    mov     x1, #ENTRY_SYSCALL          // for the waiting word (Port/big_kernel_lock.S)
    ldr     x9, =kaal_bkl_acquire
    blr     x9
    b       el0_svc_slow
el0_svc_general:                        // no fast path handles this number: as if one had declined
    mov     w0, #FAST_SYSCALL_NOT_TAKEN
el0_svc_save_rest:
    SAVE_REST x1
    cbnz    w0, el0_exit                // switched: the exit already points at the new thread
el0_svc_slow:
    CORE_INDEX x0
    ldr     x9, =kaal_user_slow_syscall // not taken: the general path, from the start
    blr     x9

// Also where user space starts (kaal_user_enter, which resets the stack). The kernel stack is empty
// whenever user code runs, so an entry from EL0 finds SP_EL1 at its top and leaves it there.
el0_exit:
    ldr     x10, =kaal_bkl_release      // the kernel's work is done; what follows reads this core's record only
    blr     x10
    mov     x8, sp                      // this core's kaal_user_resume
    ldr     x9, [x8, #RESUME_CURRENT]
    ldr     x0, [x8, #RESUME_PREVIOUS]
    cbz     x0, 1f                      // the same thread as before
    str     xzr, [x8, #RESUME_PREVIOUS]
    mrs     x2, tpidr_el0
    str     x2, [x0, #THREAD_POINTER]
    ldr     x2, [x9, #THREAD_POINTER]
    msr     tpidr_el0, x2
1:  ldr     x2, [x8, #RESUME_CPACR]
    msr     cpacr_el1, x2               // ERET synchronizes it
    LOAD_OWNER_Q16_Q17
    ldr     x0, [x9, #THREAD_REGISTERS]
    ldp     x2, x3, [x0, #CONTEXT_PC]
    msr     elr_el1, x2
    and     x3, x3, #SPSR_USER_MASK
    msr     spsr_el1, x3
    ldr     x2, [x0, #CONTEXT_SP]
    msr     sp_el0, x2
    ERET_TO_USER LOAD_ALL_SAVED
    .ltorg

// Enters user space on this core for the first time, holding the big kernel lock (el0_exit releases it):
// void kaal_user_enter(ulong trampolineVirtualAddress, UserResume* coreResume), with the core's record filled
// in. Never returns; the stack below the record is abandoned (it is empty whenever user code runs).
    .section .text.kaal_user_enter, "ax"
    .global kaal_user_enter
    .balign 4
kaal_user_enter:
    mov     sp, x1
    ldr     x9, =(el0_exit - kaal_exception_vectors)
    add     x9, x0, x9
    br      x9
    .ltorg

// The FP/SIMD registers change owner: void kaal_fp_take_over(ulong* previousOwnerBlock, ulong* newOwnerBlock).
// Stores q0-q15, q18-q31, FPSR and FPCR into the previous owner's FP/SIMD block (its q16/q17 went there at its
// last entry) and loads the new owner's; the exit path loads the new owner's q16/q17. Called from the kernel
// (an FP/SIMD trap from EL0), which touches none of these registers afterwards.
    .section .text.kaal_fp_take_over, "ax"
    .global kaal_fp_take_over
    .balign 4
kaal_fp_take_over:
    mov     x9, x30
    bl      kaal_fp_release             // keeps x1
    FP_THREAD_OWNED ldp, x1
    add     x1, x1, #FP_STATUS
    ldp     x2, x3, [x1]
    msr     fpsr, x2
    msr     fpcr, x3
    ret     x9

// The FP/SIMD owner's registers (all but q16/q17, which went to its block at its last entry) go to its block:
// void kaal_fp_release(ulong* ownerBlock). On its own when the owner moved to another core (Boot/UserSpace.cs
// ReleaseMovedFp): that core loads the block when the thread first uses FP/SIMD there. Clobbers x0, x2, x3.
    .section .text.kaal_fp_release, "ax"
    .global kaal_fp_release
    .balign 4
kaal_fp_release:
    FP_THREAD_OWNED stp, x0
    mrs     x2, fpsr
    mrs     x3, fpcr
    add     x0, x0, #FP_STATUS
    stp     x2, x3, [x0]
    ret

// The thread this core last ran leaves its TPIDR_EL0 in its record: void kaal_thread_pointer_release(ulong* record),
// the record's THREAD_POINTER word. When the core goes idle (Boot/UserSpace.cs WaitForThread): the exit moves the
// value only when another thread runs here, and the thread may run on another core first.
    .section .text.kaal_thread_pointer_release, "ax"
    .global kaal_thread_pointer_release
    .balign 4
kaal_thread_pointer_release:
    mrs     x1, tpidr_el0
    str     x1, [x0]
    ret

// From the kernel: x0 = vector index, the interrupted x0/x1 at [sp], frame space reserved.
    .section .text.kaal_exception_common, "ax"
    .balign 4
exception_common:
    X2_TO_X17 stp, sp
    X18_TO_X29 stp, sp
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
    FP_ALL stp, x2

    mov     x1, x0                      // vector index
    mov     x0, sp                      // ExceptionFrame*
    bl      kaal_exception_entry

    add     x2, sp, #FRAME_Q0
    FP_ALL ldp, x2
    ldp     x2, x3, [sp, #288]
    msr     fpcr, x2
    msr     fpsr, x3
    ldp     x2, x3, [sp, #256]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    ldp     x0, x1, [sp, #0]
    X2_TO_X17 ldp, sp
    X18_TO_X29 ldp, sp
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME_BYTES
    eret
