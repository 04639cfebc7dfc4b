// The EL0 test program of variant "user-test": the root task's driver, the threads it starts, and the
// kernel benchmarks. Linked into the kernel image (section .user, page-aligned: Link/kaal.ld), copied
// into frames and mapped read/execute at IMAGE_VA in both address spaces by UserTestSystem.cs, which
// also made every capability named below. Position-independent: code and strings are reached with
// ADR only, so the program runs at IMAGE_VA although it is linked at a kernel address.
//
// The driver (root thread, priority 255) runs the tests in test_table and prints the sel4test protocol
// through DEBUG_PRINT (DESIGN.md decision 6), then the benchmark lines, then calls SHUTDOWN with exit
// code 0 (all passed) or 1. A test routine returns x0 = 0, or the number of its first failed check.
//
// Register use: x19-x28 survive calls (routines save them); x16/x17 are the check macros' scratch; x9-x15
// are temporaries; syscalls take x0-x7 and x8 and return results in x0-x6 (docs/abi.md).

// ---- Layout: the same numbers as UserTestLayout.cs --------------------------------------------------
    .equ    ROOT_TCB, 1
    .equ    ROOT_CNODE, 2
    .equ    IRQ_CONTROL, 4
    .equ    UNTYPED, 0x40
    .equ    ENDPOINT, 0x41
    .equ    EP_CLIENT, 0x42
    .equ    EP_READONLY, 0x43
    .equ    N_IDLE, 0x44
    .equ    N_IDLE_SEND, 0x45
    .equ    N_PING, 0x46
    .equ    N_PING_SEND, 0x47
    .equ    N_PONG, 0x48
    .equ    N_PONG_SEND, 0x49
    .equ    N_DONE, 0x4A
    .equ    N_DONE_SEND, 0x4B
    .equ    N_IRQ, 0x4C
    .equ    N_IRQ_BADGED, 0x4D
    .equ    FEP, 0x4E
    .equ    DATA_FRAME_RO, 0x51
    .equ    BENCH_EP, 0x52
    .equ    BENCH_EP_CLIENT, 0x53
    .equ    N_BENCH, 0x54
    .equ    N_BENCH_SEND, 0x55
    .equ    N_CROSS, 0x56
    .equ    N_CROSS_SEND, 0x57
    .equ    TCB_SIGNAL, 0x60
    .equ    TCB_INVALID, 0x61
    .equ    TCB_FAULTS, 0x62
    .equ    TCB_CRASHER, 0x63
    .equ    TCB_CHECKER, 0x64
    .equ    TCB_SPINNER, 0x65
    .equ    TCB_PREEMPTOR, 0x66
    .equ    TCB_BENCH_SERVER, 0x67
    .equ    TCB_BENCH_WAITER, 0x68
    .equ    TCB_BENCH_YIELDER, 0x69
    .equ    TCB_CROSS, 0x6A
    .equ    SERVER_TCB, 0x70
    .equ    SERVER_EP_SLOT, 1           // in the server's own CNode
    .equ    IRQ_HANDLER, 0x78           // empty until test 8
    .equ    ALLOC_FRAME, 0x79           // empty until test 0
    .equ    EMPTY_SLOT, 0x7FF           // never filled

    .equ    CLIENT_BADGE, 0x42
    .equ    IDLE_BADGE, 0x5A
    .equ    PING_BADGE, 0x11
    .equ    PONG_BADGE, 0x22
    .equ    DONE_BADGE, 0xD0
    .equ    IRQ_BADGE, 0x1B
    .equ    INVALID_BADGE, 0xA1
    .equ    FAULTS_BADGE, 0xA2
    .equ    CROSS_BADGE, 0xC5
    .equ    CROSS_STACK_SLOT, 8
    .equ    SPINNER_STACK_SLOT, 6
    .equ    STALL_MAGIC, 0x57A11ED
    .equ    TP_MAGIC, 0x7B1D0C0E

    .equ    IMAGE_VA, 0x00400000
    .equ    DATA_VA, 0x00800000
    .equ    SHARED_VA, 0x00900000
    .equ    STACK_VA, 0x01000000
    .equ    STACK_STRIDE, 0x2000
    .equ    PAGE_BYTES, 0x1000
    .equ    DEVICE_VA, 0x05000000
    .equ    SCRATCH_VA, 0x0A000000      // test 0 maps and unmaps a frame here; test 5 must fault on it
    .equ    SCRATCH2_VA, 0x0B000000
    .equ    UNMAPPED_CODE, 0x20000000
    .equ    CRASH_ADDRESS, 0xDEAD0000

    // Data page: boot information written by the set-up, then results.
    .equ    BOOT_UART_IRQ, 0x00
    .equ    BOOT_REASON_NULL_CAP, 0x08
    .equ    BOOT_REASON_WRONG_TYPE, 0x10
    .equ    BOOT_REASON_MISSING_RIGHT, 0x18
    .equ    BOOT_REASON_RIGHTS_WIDER, 0x20
    .equ    BOOT_REASON_NOT_MAPPED, 0x28
    .equ    BOOT_REASON_PRINT_TOO_LONG, 0x30
    .equ    BOOT_REASON_MISALIGNED, 0x38
    .equ    BOOT_REASON_PRIORITY, 0x40
    .equ    BOOT_CORE_COUNT, 0x48
    .equ    BOOT_REASON_CORE_OUT_OF_RANGE, 0x50
    .equ    HELPER_SAW, 0x100
    .equ    HELPER_ROUNDS, 0x108
    .equ    HELPER_FP_BAD, 0x110
    .equ    INV_RESULT, 0x118
    .equ    INV_RESUMED, 0x120
    .equ    CRASH_BEFORE, 0x128
    .equ    CRASH_AFTER, 0x130
    .equ    SPIN, 0x138
    .equ    SPIN_SEEN, 0x140
    .equ    CROSS_SAW, 0x148
    .equ    CROSS_FP_ON, 0x150          // the cross-core helper fills and checks its vector registers while set
    .equ    CROSS_FP_BAD, 0x158
    .equ    CROSS_ROUNDS, 0x160
    .equ    STALL_LANDED, 0x168         // test 10: what the redirected spinner was given in x0
    .equ    ROUTED_BADGES, 0x170        // test 11: the badges of the two interrupts the driver on core 1 got
    .equ    ROUTED_STATUS, 0x178        //          and the first failed step's number (0: none)
    .equ    TP_SEEN, 0x180              // test 12: the spinner's TPIDR_EL0 after it moved
    // Page shared by both address spaces.
    .equ    SERVER_CALLS, 0x00
    .equ    BENCH_T0, 0x08
    .equ    BENCH_SUM, 0x10

// ---- The kernel's numbers (docs/abi.md) -------------------------------------------------------------
    .equ    SYS_YIELD, 0x01
    .equ    SYS_SEND, 0x02
    .equ    SYS_RECV, 0x03
    .equ    SYS_CALL, 0x04
    .equ    SYS_REPLY, 0x05
    .equ    SYS_REPLY_RECV, 0x06
    .equ    SYS_MEMORY_ALLOCATE, 0x11
    .equ    SYS_MEMORY_MAP, 0x15
    .equ    SYS_MEMORY_UNMAP, 0x16
    .equ    SYS_SIGNAL, 0x18
    .equ    SYS_CAP_DELETE, 0x22
    .equ    SYS_WAIT, 0x19
    .equ    SYS_POLL, 0x1A
    .equ    SYS_MEMORY_REMAP, 0x24
    .equ    SYS_TCB_SET_PRIORITY, 0x31
    .equ    SYS_TCB_SUSPEND, 0x32
    .equ    SYS_TCB_RESUME, 0x33
    .equ    SYS_TCB_WRITE_REGISTERS, 0x34
    .equ    SYS_TCB_SET_AFFINITY, 0x37
    .equ    SYS_IRQ_HANDLER_GET, 0x40
    .equ    SYS_IRQ_ACK, 0x41
    .equ    SYS_IRQ_SET_NOTIFICATION, 0x42
    .equ    SYS_IRQ_HANDLER_GET_TRIGGER_CORE, 0x43
    .equ    SYS_SHUTDOWN, 0x50
    .equ    SYS_DEBUG_PUTCHAR, 0x1000
    .equ    SYS_DEBUG_PRINT, 0x1001
    .equ    SYS_UNKNOWN, 0x777          // no such syscall: a fault, not an error

    .equ    ERR_INVALID_ARGUMENT, 1
    .equ    ERR_INVALID_CAPABILITY, 2
    .equ    ERR_RANGE, 4
    .equ    ERR_ALIGNMENT, 5
    .equ    ERR_FAILED_LOOKUP, 6
    .equ    LOOKUP_GUARD_MISMATCH, 4
    .equ    FAULT_UNKNOWN_SYSCALL, 1
    .equ    FAULT_VM, 2
    .equ    FAULT_USER_EXCEPTION, 3
    .equ    VM_READ, 1
    .equ    VM_READ_WRITE, 3
    .equ    CALL_TAG, (7 << 12) | 4     // label 7, four message registers
    .equ    REPLY_TAG, (8 << 12) | 4
    .equ    UNKNOWN_SYSCALL_TAG, (FAULT_UNKNOWN_SYSCALL << 12) | 3
    .equ    RESUME_AT_MR0_TAG, 1        // fault reply: label 0 (resume), MR0 = where

    // ESR exception classes and PL011 registers.
    .equ    EC_WFX, 0x01
    .equ    EC_UNKNOWN, 0x00
    .equ    EC_INSTRUCTION_ABORT, 0x20
    .equ    EC_PC_ALIGNMENT, 0x22
    .equ    EC_DATA_ABORT, 0x24
    .equ    UART_IMSC, 0x38
    .equ    UART_ICR, 0x44
    .equ    UART_TX_INTERRUPT, 1 << 5

    .equ    BENCH_ITERATIONS, 1000
    .equ    CROSS_BENCH_ITERATIONS, 20  // each crosses cores twice: under multi-threaded TCG on a busy host a
                                        // crossing waits for the host to schedule the other vCPU's thread (up to
                                        // tens of milliseconds); under -icount the count is exact anyway
    .equ    BENCH_LOW_PRIORITY, 100
    .equ    TOP_PRIORITY, 255

// ---- Macros -----------------------------------------------------------------------------------------
.macro SYSCALL number
    mov     x8, #\number
    svc     #0
.endm

// DEBUG_PRINT of a literal; the text sits in the code stream, jumped over.
.macro PRINTS text
    b       .Lafter\@
.Ltext\@:
    .ascii  "\text"
.Lend\@:
    .balign 4
.Lafter\@:
    adr     x0, .Ltext\@
    mov     x1, #(.Lend\@ - .Ltext\@)
    bl      print
.endm

.macro NEWLINE
    mov     x0, #10
    SYSCALL SYS_DEBUG_PUTCHAR
.endm

.macro READ_COUNTER register
    isb
    mrs     \register, cntvct_el0
.endm

// A test routine's frame: x19-x30 saved; test_return restores them.
.macro TEST_BEGIN
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
.endm

.macro CHECK_EQ register, value, check
    ldr     x16, =\value
    cmp     \register, x16
    b.eq    .Lok\@
    mov     x0, #\check
    b       test_return
.Lok\@:
.endm

.macro CHECK_REG register, other, check
    cmp     \register, \other
    b.eq    .Lok\@
    mov     x0, #\check
    b       test_return
.Lok\@:
.endm

.macro CHECK_DATA offset, value, check
    ldr     x17, =DATA_VA
    ldr     x17, [x17, #\offset]
    CHECK_EQ x17, \value, \check
.endm

// Tests that need a second core: x19 = DATA_VA; on one core, prints \text and passes.
.macro SEVERAL_CORES_OR_PASS text
    ldr     x19, =DATA_VA
    ldr     x20, [x19, #BOOT_CORE_COUNT]
    cmp     x20, #1
    b.hi    .Lseveral\@
    PRINTS  "\text"
    NEWLINE
    b       test_pass
.Lseveral\@:
.endm

// Moves test 7's spinner (suspended, or about to be started) to \core; \check if that fails.
.macro SPINNER_TO_CORE core, check
    mov     x0, #TCB_SPINNER
    mov     x1, #\core
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, \check
.endm

// Sets a helper's pc and sp (its stack slot in its address space) and resumes it.
.macro START_THREAD tcb, entry, stack_slot, check
    mov     x0, #\tcb
    adr     x1, \entry
    ldr     x2, =(STACK_VA + \stack_slot * STACK_STRIDE + PAGE_BYTES)
    mov     x3, #0
    SYSCALL SYS_TCB_WRITE_REGISTERS
    CHECK_EQ x0, 0, \check
    mov     x0, #\tcb
    SYSCALL SYS_TCB_RESUME
    CHECK_EQ x0, 0, \check+1
.endm

// The fault message the driver just received (x0 status, x1 badge, x2 tag, x3 MR0 pc, x4 MR1 address,
// x5 MR2 ESR) against x26 = expected pc and x25 = expected address.
.macro CHECK_FAULT check, kind, exception_class
    CHECK_EQ x0, 0, \check
    CHECK_EQ x1, FAULTS_BADGE, \check+1
    CHECK_EQ x2, (\kind<<12)|3, \check+2
    CHECK_REG x3, x26, \check+3
    CHECK_REG x4, x25, \check+4
    ubfx    x9, x5, #26, #6
    CHECK_EQ x9, \exception_class, \check+5
.endm

// In the invalid-syscall helper: x0 must be the error, x1 the reason from the boot information;
// otherwise the first failing check's number goes to INV_RESULT (x19 = DATA_VA).
.macro EXPECT_ERROR error, reason_offset, check
    mov     x9, #\check
    cmp     x0, #\error
    b.ne    .Lbad\@
    ldr     x10, [x19, #\reason_offset]
    cmp     x1, x10
    b.eq    .Lgood\@
.Lbad\@:
    bl      record_invalid_result
.Lgood\@:
.endm

// ---- The program --------------------------------------------------------------------------------------
    .section .user, "ax"
    .balign 4096

// The root thread starts here (IMAGE_VA).
driver_entry:
    mov     x19, #0                     // test number
    mov     x20, #0                     // passed
    mov     x21, #0                     // failed
next_test:
    adr     x22, test_table
    add     x22, x22, x19, lsl #4
    ldr     w23, [x22]
    cbz     w23, tests_done
    PRINTS  "Starting test "
    mov     x0, x19
    bl      print_decimal
    PRINTS  ": "
    bl      print_test_name
    NEWLINE
    adr     x9, test_table
    add     x9, x9, x23
    blr     x9
    mov     x24, x0
    cbz     x24, 1f
    PRINTS  "  first failed check: "
    mov     x0, x24
    bl      print_decimal
    NEWLINE
    add     x21, x21, #1
    b       2f
1:  add     x20, x20, #1
2:  PRINTS  "Test "
    bl      print_test_name
    cbz     x24, 3f
    PRINTS  " failed"
    b       4f
3:  PRINTS  " passed"
4:  NEWLINE
    add     x19, x19, #1
    b       next_test

tests_done:
    cbnz    x21, failures
    PRINTS  "Test suite passed. "
    mov     x0, x20
    bl      print_decimal
    PRINTS  " tests passed. 0 tests disabled."
    NEWLINE
    bl      run_benchmarks
    mov     x1, #0
    b       shutdown
failures:
    PRINTS  "*** FAILURES DETECTED *** ("
    mov     x0, x21
    bl      print_decimal
    PRINTS  " of "
    mov     x0, x19
    bl      print_decimal
    PRINTS  " tests failed)"
    NEWLINE
    mov     x1, #1
shutdown:
    mov     x0, #IRQ_CONTROL            // the machine authority
    SYSCALL SYS_SHUTDOWN
    b       .

// Entries: routine, name (offsets from the table), name length; a zero routine ends the table.
    .balign 16
test_table:
    .word   t_syscall_results - test_table, n_syscall_results - test_table, n_ipc_round_trip - n_syscall_results, 0
    .word   t_ipc_round_trip - test_table, n_ipc_round_trip - test_table, n_signal_wait - n_ipc_round_trip, 0
    .word   t_signal_wait - test_table, n_signal_wait - test_table, n_fpsimd_context - n_signal_wait, 0
    .word   t_fpsimd_context - test_table, n_fpsimd_context - test_table, n_invalid_syscalls - n_fpsimd_context, 0
    .word   t_invalid_syscalls - test_table, n_invalid_syscalls - test_table, n_user_faults - n_invalid_syscalls, 0
    .word   t_user_faults - test_table, n_user_faults - test_table, n_data_abort - n_user_faults, 0
    .word   t_data_abort - test_table, n_data_abort - test_table, n_timer_preemption - n_data_abort, 0
    .word   t_timer_preemption - test_table, n_timer_preemption - test_table, n_device_interrupt - n_timer_preemption, 0
    .word   t_device_interrupt - test_table, n_device_interrupt - test_table, n_cross_core - n_device_interrupt, 0
    .word   t_cross_core - test_table, n_cross_core - test_table, n_remote_tcb - n_cross_core, 0
    .word   t_remote_tcb - test_table, n_remote_tcb - test_table, n_routed_irq - n_remote_tcb, 0
    .word   t_routed_irq - test_table, n_routed_irq - test_table, n_moved_tp - n_routed_irq, 0
    .word   t_moved_tp - test_table, n_moved_tp - test_table, n_remote_delete - n_moved_tp, 0
    .word   t_remote_delete - test_table, n_remote_delete - test_table, n_trigger_core - n_remote_delete, 0
    .word   t_trigger_core - test_table, n_trigger_core - test_table, n_end - n_trigger_core, 0
    .word   0, 0, 0, 0
n_syscall_results:  .ascii "EL0_SYSCALL_RESULTS"
n_ipc_round_trip:   .ascii "EL0_IPC_CALL_REPLYRECV_BETWEEN_ADDRESS_SPACES"
n_signal_wait:      .ascii "EL0_SIGNAL_WAIT"
n_fpsimd_context:   .ascii "EL0_FPSIMD_AND_TPIDR_CONTEXT_SWITCH"
n_invalid_syscalls: .ascii "EL0_INVALID_SYSCALLS_GET_ERRORS"
n_user_faults:      .ascii "EL0_USER_FAULTS_DECODED"
n_data_abort:       .ascii "EL0_DATA_ABORT_STOPS_ONLY_THAT_THREAD"
n_timer_preemption: .ascii "EL0_TIMER_PREEMPTS_SPINNING_THREAD"
n_device_interrupt: .ascii "EL0_DEVICE_INTERRUPT_TO_NOTIFICATION"
n_cross_core:       .ascii "EL0_CALL_AND_SIGNAL_ACROSS_CORES"
n_remote_tcb:       .ascii "EL0_TCB_OPERATIONS_STALL_A_THREAD_ON_ANOTHER_CORE"
n_routed_irq:       .ascii "EL0_DEVICE_INTERRUPT_ON_ITS_DRIVERS_CORE"
n_moved_tp:         .ascii "EL0_TPIDR_FOLLOWS_A_THREAD_MOVED_WHILE_ITS_CORE_IDLES"
n_remote_delete:    .ascii "EL0_THREAD_DELETED_ON_ANOTHER_CORE_RUNS_NO_FURTHER"
n_trigger_core:     .ascii "EL0_DEVICE_INTERRUPT_ON_ITS_TRIGGER_CORE"
n_end:
    .balign 4

// ---- Test 0: syscalls return their results in registers ----------------------------------------------
t_syscall_results:
    TEST_BEGIN
    mov     x0, #N_IDLE                 // nothing signalled: badge word 0
    SYSCALL SYS_POLL
    CHECK_EQ x0, 0, 1
    CHECK_EQ x1, 0, 2
    mov     x0, #N_IDLE_SEND
    SYSCALL SYS_SIGNAL
    CHECK_EQ x0, 0, 3
    mov     x0, #N_IDLE                 // the signal's badge, then cleared
    SYSCALL SYS_POLL
    CHECK_EQ x0, 0, 4
    CHECK_EQ x1, IDLE_BADGE, 5
    mov     x0, #N_IDLE
    SYSCALL SYS_POLL
    CHECK_EQ x1, 0, 6
    mov     x0, #UNTYPED                // a frame: x1 = its physical address
    mov     x1, #12
    mov     x2, #ALLOC_FRAME
    SYSCALL SYS_MEMORY_ALLOCATE
    CHECK_EQ x0, 0, 7
    and     x9, x1, #0xFFF
    CHECK_EQ x9, 0, 8
    cmp     x1, #0
    cset    x9, eq
    CHECK_EQ x9, 0, 9
    mov     x0, #ALLOC_FRAME            // mapped read/write: it takes a store and gives it back
    ldr     x1, =SCRATCH_VA
    mov     x2, #VM_READ_WRITE
    SYSCALL SYS_MEMORY_MAP
    CHECK_EQ x0, 0, 10
    ldr     x9, =SCRATCH_VA
    ldr     x10, =0x0123456789ABCDEF
    str     x10, [x9]
    ldr     x11, [x9]
    CHECK_REG x11, x10, 11
    mov     x0, #ALLOC_FRAME            // remapped read-only: still readable
    mov     x1, #VM_READ
    SYSCALL SYS_MEMORY_REMAP
    CHECK_EQ x0, 0, 12
    ldr     x9, =SCRATCH_VA
    ldr     x11, [x9]
    CHECK_REG x11, x10, 13
    mov     x0, #ALLOC_FRAME            // unmapped (test 5 reads it and must fault)
    SYSCALL SYS_MEMORY_UNMAP
    CHECK_EQ x0, 0, 14
    PRINTS  "  poll, signal, allocate, map, remap and unmap answered"
    CHECK_EQ x0, 0, 15                  // DEBUG_PRINT's own status
    NEWLINE
    b       test_pass

// ---- Test 1: Call and ReplyRecv between address spaces -----------------------------------------------
t_ipc_round_trip:
    TEST_BEGIN
    START_THREAD SERVER_TCB, server_entry, 0, 1
    mov     x0, #EP_CLIENT              // first call: the server's RECV takes it
    ldr     x1, =CALL_TAG
    mov     x2, #11
    mov     x3, #22
    mov     x4, #33
    mov     x5, #44
    SYSCALL SYS_CALL
    CHECK_EQ x0, 0, 3
    CHECK_EQ x1, 0, 4                   // replies carry no badge
    CHECK_EQ x2, REPLY_TAG, 5
    CHECK_EQ x3, 12, 6                  // MR0 + 1
    CHECK_EQ x4, 44, 7                  // MR1 * 2
    CHECK_EQ x5, CLIENT_BADGE, 8        // the badge the server received
    CHECK_EQ x6, 77, 9                  // MR2 + MR3
    mov     x0, #EP_CLIENT              // second call: answered by the server's REPLY_RECV
    ldr     x1, =CALL_TAG
    mov     x2, #100
    mov     x3, #200
    mov     x4, #300
    mov     x5, #400
    SYSCALL SYS_CALL
    CHECK_EQ x0, 0, 10
    CHECK_EQ x2, REPLY_TAG, 11
    CHECK_EQ x3, 101, 12
    CHECK_EQ x4, 400, 13
    CHECK_EQ x6, 700, 14
    ldr     x9, =SHARED_VA              // the server counts calls in the shared page
    ldr     x10, [x9, #SERVER_CALLS]
    CHECK_EQ x10, 2, 15
    b       test_pass

// Address space B, its own CNode: answers every call with MR0 + 1, MR1 * 2, badge, MR2 + MR3.
server_entry:
    mov     x0, #SERVER_EP_SLOT
    SYSCALL SYS_RECV
server_loop:
    ldr     x9, =SHARED_VA
    ldr     x10, [x9, #SERVER_CALLS]
    add     x10, x10, #1
    str     x10, [x9, #SERVER_CALLS]
    add     x10, x3, #1
    lsl     x11, x4, #1
    mov     x12, x1
    add     x13, x5, x6
    ldr     x1, =REPLY_TAG
    mov     x2, x10
    mov     x3, x11
    mov     x4, x12
    mov     x5, x13
    mov     x0, #SERVER_EP_SLOT
    SYSCALL SYS_REPLY_RECV
    b       server_loop

// ---- Test 2: Signal and Wait -------------------------------------------------------------------------
t_signal_wait:
    TEST_BEGIN
    START_THREAD TCB_SIGNAL, signal_helper_entry, 1, 1
    mov     x0, #N_PING_SEND            // round 1: signalled before the helper waits (the word keeps it)
    SYSCALL SYS_SIGNAL
    CHECK_EQ x0, 0, 3
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 4
    CHECK_EQ x1, PONG_BADGE, 5
    CHECK_DATA HELPER_SAW, PING_BADGE, 6
    CHECK_DATA HELPER_ROUNDS, 1, 7
    mov     x0, #N_PING_SEND            // round 2: the helper is blocked in WAIT, the signal wakes it
    SYSCALL SYS_SIGNAL
    CHECK_EQ x0, 0, 8
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 9
    CHECK_EQ x1, PONG_BADGE, 10
    CHECK_DATA HELPER_ROUNDS, 2, 11
    b       test_pass

// Waits for a ping, records the badge, checks its vector registers and TPIDR_EL0 kept their pattern
// since the last round (another thread ran meanwhile), refills them and answers with a pong.
signal_helper_entry:
    ldr     x19, =DATA_VA
    ldr     x21, =0x4E00000000000000    // the helper's pattern base
    mov     x20, #0
1:  mov     x0, #N_PING
    SYSCALL SYS_WAIT
    str     x1, [x19, #HELPER_SAW]
    cbz     x20, 2f
    mov     x12, x21
    bl      check_vectors
    mrs     x9, tpidr_el0
    eor     x9, x9, x21
    orr     x11, x11, x9
    ldr     x9, [x19, #HELPER_FP_BAD]
    orr     x9, x9, x11
    str     x9, [x19, #HELPER_FP_BAD]
2:  msr     tpidr_el0, x21
    mov     x12, x21
    bl      fill_vectors
    msr     fpcr, xzr
    msr     fpsr, xzr
    add     x20, x20, #1
    str     x20, [x19, #HELPER_ROUNDS]
    mov     x0, #N_PONG_SEND
    SYSCALL SYS_SIGNAL
    b       1b

// ---- Test 3: FP/SIMD state and TPIDR_EL0 survive switches to a thread that overwrites all of them ------
    .equ    DRIVER_FPCR, (1 << 25) | (1 << 24)  // DN, FZ
    .equ    DRIVER_FPSR, (1 << 27) | 0x9F       // QC and every cumulative exception flag
t_fpsimd_context:
    TEST_BEGIN
    ldr     x21, =0xD100000000000000
    mov     x12, x21
    bl      fill_vectors
    ldr     x9, =DRIVER_FPCR
    msr     fpcr, x9
    ldr     x9, =DRIVER_FPSR
    msr     fpsr, x9
    msr     tpidr_el0, x21
    mov     x0, #N_PING_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 1
    mov     x0, #N_PING_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 2
    mov     x12, x21
    bl      check_vectors
    CHECK_EQ x11, 0, 3
    mrs     x9, fpcr
    CHECK_EQ x9, DRIVER_FPCR, 4
    mrs     x9, fpsr
    CHECK_EQ x9, DRIVER_FPSR, 5
    CHECK_DATA HELPER_FP_BAD, 0, 6
    CHECK_DATA HELPER_ROUNDS, 4, 7
    mrs     x9, tpidr_el0
    CHECK_REG x9, x21, 8
    msr     fpcr, xzr
    msr     fpsr, xzr
    b       test_pass

// ---- Test 4: invalid syscalls get error codes; an unknown number is a fault the handler resumes -------
t_invalid_syscalls:
    TEST_BEGIN
    START_THREAD TCB_INVALID, invalid_helper_entry, 2, 1
    mov     x0, #FEP                    // the helper runs now; its unknown syscall arrives here
    SYSCALL SYS_RECV
    CHECK_EQ x0, 0, 3
    CHECK_EQ x1, INVALID_BADGE, 4
    CHECK_EQ x2, UNKNOWN_SYSCALL_TAG, 5
    adr     x9, invalid_after_unknown   // MR0: the pc after the svc
    CHECK_REG x3, x9, 6
    CHECK_EQ x4, SYS_UNKNOWN, 7         // MR1: the number
    mov     x1, #0                      // label 0: resume where it stopped
    SYSCALL SYS_REPLY
    CHECK_EQ x0, 0, 8
    mov     x0, #N_DONE
    SYSCALL SYS_WAIT
    CHECK_EQ x1, DONE_BADGE, 9
    ldr     x9, =DATA_VA                // the helper's own checks: 100 + its first failed one
    ldr     x10, [x9, #INV_RESULT]
    cbz     x10, 1f
    add     x0, x10, #100
    b       test_return
1:  CHECK_DATA INV_RESUMED, 1, 10
    b       test_pass

invalid_helper_entry:
    ldr     x19, =DATA_VA
    mov     x0, #EMPTY_SLOT             // bad cptr: an empty slot
    SYSCALL SYS_SIGNAL
    EXPECT_ERROR ERR_INVALID_CAPABILITY, BOOT_REASON_NULL_CAP, 1
    mov     x0, #ENDPOINT               // wrong type: signal an endpoint
    SYSCALL SYS_SIGNAL
    EXPECT_ERROR ERR_INVALID_CAPABILITY, BOOT_REASON_WRONG_TYPE, 2
    mov     x0, #EP_READONLY            // wrong rights: send on a receive-only endpoint capability
    mov     x1, #0
    SYSCALL SYS_SEND
    EXPECT_ERROR ERR_INVALID_CAPABILITY, BOOT_REASON_MISSING_RIGHT, 3
    mov     x0, #N_PING_SEND            // wrong rights: wait on a signal-only notification capability
    SYSCALL SYS_WAIT
    EXPECT_ERROR ERR_INVALID_CAPABILITY, BOOT_REASON_MISSING_RIGHT, 4
    mov     x0, #DATA_FRAME_RO          // wrong rights: map a read-only frame capability writable
    ldr     x1, =SCRATCH2_VA
    mov     x2, #VM_READ_WRITE
    SYSCALL SYS_MEMORY_MAP
    EXPECT_ERROR ERR_INVALID_ARGUMENT, BOOT_REASON_RIGHTS_WIDER, 5
    mov     x0, #DATA_FRAME_RO          // bad address: not page-aligned
    ldr     x1, =SCRATCH2_VA+8
    mov     x2, #VM_READ
    SYSCALL SYS_MEMORY_MAP
    EXPECT_ERROR ERR_ALIGNMENT, BOOT_REASON_MISALIGNED, 6
    mov     x0, #0x10                   // bad address: print from the never-mapped first page
    mov     x1, #4
    SYSCALL SYS_DEBUG_PRINT
    EXPECT_ERROR ERR_INVALID_ARGUMENT, BOOT_REASON_NOT_MAPPED, 7
    ldr     x0, =DATA_VA                // too long for one kernel entry
    mov     x1, #5000
    SYSCALL SYS_DEBUG_PRINT
    EXPECT_ERROR ERR_RANGE, BOOT_REASON_PRINT_TOO_LONG, 8
    mov     x0, #TCB_INVALID            // above its own maximum controlled priority (0)
    mov     x1, #200
    SYSCALL SYS_TCB_SET_PRIORITY
    EXPECT_ERROR ERR_RANGE, BOOT_REASON_PRIORITY, 9
    mov     x0, #N_IDLE                 // no machine authority: the machine keeps running
    mov     x1, #3
    SYSCALL SYS_SHUTDOWN
    EXPECT_ERROR ERR_INVALID_CAPABILITY, BOOT_REASON_WRONG_TYPE, 10
    mov     x0, #1                      // bits above the root CNode's index: a guard mismatch
    lsl     x0, x0, #40
    SYSCALL SYS_SIGNAL
    mov     x9, #11
    cmp     x0, #ERR_FAILED_LOOKUP
    b.ne    5f
    ubfx    x10, x2, #16, #8
    cmp     x10, #LOOKUP_GUARD_MISMATCH
    b.eq    6f
5:  bl      record_invalid_result
6:  mov     x8, #SYS_UNKNOWN
    svc     #0
invalid_after_unknown:
    mov     x9, #1
    str     x9, [x19, #INV_RESUMED]
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_INVALID
    SYSCALL SYS_TCB_SUSPEND
    b       .

// x9 = the failing check; the first one wins. x19 = DATA_VA.
record_invalid_result:
    ldr     x10, [x19, #INV_RESULT]
    cbnz    x10, 1f
    str     x9, [x19, #INV_RESULT]
1:  ret

// ---- Test 5: user faults reach the fault handler, decoded ------------------------------------------
t_user_faults:
    TEST_BEGIN
    START_THREAD TCB_FAULTS, fault_helper_entry, 3, 1
    mov     x0, #FEP
    SYSCALL SYS_RECV
    ldr     x25, =SCRATCH_VA            // read of a page test 0 unmapped
    adr     x26, f_read_unmapped
    CHECK_FAULT 10, FAULT_VM, EC_DATA_ABORT
    adr     x2, r_read_unmapped
    bl      resume_faulter
    ldr     x25, =IMAGE_VA              // write to the read/execute image
    adr     x26, f_write_readonly
    CHECK_FAULT 20, FAULT_VM, EC_DATA_ABORT
    tbz     x5, #6, 9f                  // ESR WnR: it was a write
    adr     x2, r_write_readonly
    bl      resume_faulter
    ldr     x25, =UNMAPPED_CODE         // jump to an unmapped address
    mov     x26, x25
    CHECK_FAULT 30, FAULT_VM, EC_INSTRUCTION_ABORT
    adr     x2, r_jump_unmapped
    bl      resume_faulter
    mov     x25, #0                     // undefined instruction
    adr     x26, f_undefined
    CHECK_FAULT 40, FAULT_USER_EXCEPTION, EC_UNKNOWN
    adr     x2, r_undefined
    bl      resume_faulter
    ldr     x25, =DATA_VA+1           // misaligned exclusive load: alignment fault
    adr     x26, f_unaligned_exclusive
    CHECK_FAULT 50, FAULT_USER_EXCEPTION, EC_DATA_ABORT
    adr     x2, r_unaligned_exclusive
    bl      resume_faulter
    adr     x25, r_misaligned_pc        // branch to a misaligned pc
    add     x25, x25, #2
    mov     x26, x25
    CHECK_FAULT 60, FAULT_USER_EXCEPTION, EC_PC_ALIGNMENT
    adr     x2, r_after_misaligned_pc
    bl      resume_faulter
    mov     x25, #0                     // WFI: trapped, user code may not stop the core
    adr     x26, f_wfi
    CHECK_FAULT 70, FAULT_USER_EXCEPTION, EC_WFX
    mov     x1, #RESUME_AT_MR0_TAG      // last one: reply without waiting for another fault
    adr     x2, r_wfi
    SYSCALL SYS_REPLY
    mov     x0, #N_DONE
    SYSCALL SYS_WAIT
    CHECK_EQ x1, DONE_BADGE, 80
    b       test_pass
9:  mov     x0, #26
    b       test_return

// Replies "resume at x2" to the faulted helper and waits for its next fault message.
resume_faulter:
    mov     x0, #FEP
    mov     x1, #RESUME_AT_MR0_TAG
    SYSCALL SYS_REPLY_RECV
    ret

fault_helper_entry:
    ldr     x9, =SCRATCH_VA
f_read_unmapped:
    ldr     x0, [x9]
r_read_unmapped:
    ldr     x9, =IMAGE_VA
f_write_readonly:
    str     x0, [x9]
r_write_readonly:
    ldr     x9, =UNMAPPED_CODE
    blr     x9
r_jump_unmapped:
f_undefined:
    udf     #0
r_undefined:
    ldr     x9, =DATA_VA+1
f_unaligned_exclusive:
    ldxr    x0, [x9]
r_unaligned_exclusive:
    adr     x9, r_misaligned_pc
    add     x9, x9, #2
    br      x9
r_misaligned_pc:
    nop
r_after_misaligned_pc:
f_wfi:
    wfi
r_wfi:
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_FAULTS
    SYSCALL SYS_TCB_SUSPEND
    b       .

// ---- Test 6: a data abort without a fault handler stops that thread only ----------------------------
t_data_abort:
    TEST_BEGIN
    START_THREAD TCB_CRASHER, crasher_entry, 4, 1
    START_THREAD TCB_CHECKER, checker_entry, 5, 3
    mov     x0, #N_DONE                 // the crasher (150) runs and faults, then the checker (140) signals
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 5
    CHECK_EQ x1, DONE_BADGE, 6
    CHECK_DATA CRASH_BEFORE, 1, 7
    CHECK_DATA CRASH_AFTER, 0, 8
    mov     x0, #EP_CLIENT              // the other address space still answers
    ldr     x1, =CALL_TAG
    mov     x2, #1
    mov     x3, #2
    mov     x4, #3
    mov     x5, #4
    SYSCALL SYS_CALL
    CHECK_EQ x0, 0, 9
    CHECK_EQ x3, 2, 10
    mov     x0, #TCB_CRASHER            // a faulted thread can be suspended like any other
    SYSCALL SYS_TCB_SUSPEND
    CHECK_EQ x0, 0, 11
    CHECK_DATA CRASH_AFTER, 0, 12
    b       test_pass

crasher_entry:
    ldr     x19, =DATA_VA
    mov     x9, #1
    str     x9, [x19, #CRASH_BEFORE]
    ldr     x9, =CRASH_ADDRESS
    ldr     x0, [x9]                    // no fault endpoint: stopped for good here
    mov     x9, #1
    str     x9, [x19, #CRASH_AFTER]
    b       .

checker_entry:
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_CHECKER
    SYSCALL SYS_TCB_SUSPEND
    b       .

// ---- Test 7: the timer preempts a spinning thread for one of equal priority ---------------------------
t_timer_preemption:
    TEST_BEGIN
    START_THREAD TCB_SPINNER, spinner_entry, 6, 1
    START_THREAD TCB_PREEMPTOR, preemptor_entry, 7, 3
    mov     x0, #N_DONE                 // the spinner never yields: only the timer lets the preemptor run
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 5
    CHECK_EQ x1, DONE_BADGE, 6
    ldr     x9, =DATA_VA                // the spinner ran before it was preempted
    ldr     x10, [x9, #SPIN_SEEN]
    cmp     x10, #0
    cset    x10, eq
    CHECK_EQ x10, 0, 7
    mov     x0, #TCB_SPINNER
    SYSCALL SYS_TCB_SUSPEND
    CHECK_EQ x0, 0, 8
    b       test_pass

spinner_entry:
    ldr     x19, =DATA_VA
1:  ldr     x9, [x19, #SPIN]
    add     x9, x9, #1
    str     x9, [x19, #SPIN]
    b       1b

preemptor_entry:
    ldr     x19, =DATA_VA
    ldr     x9, [x19, #SPIN]
    str     x9, [x19, #SPIN_SEEN]
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_PREEMPTOR
    SYSCALL SYS_TCB_SUSPEND
    b       .

// ---- Test 8: a device interrupt reaches its notification; IRQ_ACK re-arms the line --------------------
t_device_interrupt:
    TEST_BEGIN
    ldr     x19, =DATA_VA
    mov     x0, #IRQ_CONTROL
    ldr     x1, [x19, #BOOT_UART_IRQ]
    mov     x2, #ROOT_CNODE
    mov     x3, #IRQ_HANDLER
    mov     x4, #64
    SYSCALL SYS_IRQ_HANDLER_GET
    CHECK_EQ x0, 0, 1
    mov     x0, #IRQ_HANDLER
    mov     x1, #N_IRQ_BADGED
    SYSCALL SYS_IRQ_SET_NOTIFICATION
    CHECK_EQ x0, 0, 2
    ldr     x20, =DEVICE_VA             // the PL011 through the device mapping: its transmit interrupt
    mov     w9, #UART_TX_INTERRUPT      // is already raised (the console sends), so unmasking it
    str     w9, [x20, #UART_IMSC]       // raises the line at once
    mov     x0, #N_IRQ
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 3
    CHECK_EQ x1, IRQ_BADGE, 4
    str     wzr, [x20, #UART_IMSC]      // quiet the device, then acknowledge
    mov     w9, #UART_TX_INTERRUPT
    str     w9, [x20, #UART_ICR]
    mov     x0, #IRQ_HANDLER
    SYSCALL SYS_IRQ_ACK
    CHECK_EQ x0, 0, 5
    mov     x0, #N_IRQ                  // no second interrupt once the line is unmasked again
    SYSCALL SYS_POLL
    CHECK_EQ x0, 0, 6
    CHECK_EQ x1, 0, 7
    b       test_pass

// ---- Test 9: Call/Reply and Signal/Wait between threads on different cores -------------------------
// Any machine: moving a thread to a core the machine does not have is refused (ERR_RANGE, CoreOutOfRange). One
// core: nothing more. Several: the server (blocked in REPLY_RECV since test 1) moves to the last core and a fresh
// helper starts on core 1; a CALL and a SIGNAL from the driver on core 0 each wake a thread on another core (the
// kernel interrupts that core to reschedule), whose reply and pong wake the driver on core 0 the same way. Then the
// helper's FP/SIMD state follows it from core to core: it fills its vector registers with a new pattern every round
// and checks the last round's, and moves to core 0 and back between rounds, while its registers are still held by
// the core it left (the lazy switch). The server comes back to core 0; the helper stays on core 1 (the benchmarks
// use it, without the vector work).
t_cross_core:
    TEST_BEGIN
    ldr     x19, =DATA_VA
    ldr     x20, [x19, #BOOT_CORE_COUNT]
    mov     x0, #SERVER_TCB
    mov     x1, x20                     // one past the last core
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, ERR_RANGE, 1
    ldr     x9, [x19, #BOOT_REASON_CORE_OUT_OF_RANGE]
    CHECK_REG x1, x9, 2
    cmp     x20, #1
    b.hi    1f
    PRINTS  "  one core: affinity beyond it refused, nothing to cross"
    NEWLINE
    b       test_pass
1:  mov     x0, #SERVER_TCB
    sub     x1, x20, #1                 // the last core
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, 3
    ldr     x9, =SHARED_VA              // the server's count so far (other tests send it malformed calls too)
    ldr     x22, [x9, #SERVER_CALLS]
    mov     x0, #EP_CLIENT
    ldr     x1, =CALL_TAG
    mov     x2, #5
    mov     x3, #6
    mov     x4, #7
    mov     x5, #8
    SYSCALL SYS_CALL
    CHECK_EQ x0, 0, 4
    CHECK_EQ x2, REPLY_TAG, 5
    CHECK_EQ x3, 6, 6                   // MR0 + 1
    CHECK_EQ x4, 12, 7                  // MR1 * 2
    CHECK_EQ x5, CLIENT_BADGE, 8
    CHECK_EQ x6, 15, 9                  // MR2 + MR3
    ldr     x9, =SHARED_VA
    ldr     x10, [x9, #SERVER_CALLS]
    sub     x10, x10, x22
    CHECK_EQ x10, 1, 10
    mov     x0, #TCB_CROSS
    mov     x1, #1
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, 11
    START_THREAD TCB_CROSS, cross_helper_entry, CROSS_STACK_SLOT, 12
    mov     x0, #N_CROSS_SEND
    SYSCALL SYS_SIGNAL
    CHECK_EQ x0, 0, 14
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 15
    CHECK_EQ x1, PONG_BADGE, 16
    CHECK_DATA CROSS_SAW, CROSS_BADGE, 17
    mov     x0, #SERVER_TCB
    mov     x1, #0
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, 18
    mov     x9, #1
    str     x9, [x19, #CROSS_FP_ON]
    bl      ping_cross_helper           // on core 1: its first pattern, in core 1's registers
    CHECK_EQ x1, PONG_BADGE, 19
    mov     x0, #TCB_CROSS
    mov     x1, #0
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, 20
    bl      ping_cross_helper           // on core 0: the pattern must come over from core 1
    CHECK_EQ x1, PONG_BADGE, 21
    mov     x0, #TCB_CROSS
    mov     x1, #1
    SYSCALL SYS_TCB_SET_AFFINITY
    CHECK_EQ x0, 0, 22
    bl      ping_cross_helper           // on core 1 again: from core 0
    CHECK_EQ x1, PONG_BADGE, 23
    str     xzr, [x19, #CROSS_FP_ON]
    CHECK_DATA CROSS_FP_BAD, 0, 24
    CHECK_DATA CROSS_ROUNDS, 3, 25
    PRINTS  "  call, reply, signal and wait crossed cores"
    NEWLINE
    b       test_pass

// Answers every signal on N_CROSS with a pong (and records the badge it saw). While CROSS_FP_ON is set it also
// checks that its vector registers hold the last such round's pattern (CROSS_FP_BAD collects differences) and
// fills them with the next (CROSS_ROUNDS counts these rounds; each has its own pattern, so stale state shows).
cross_helper_entry:
    ldr     x19, =DATA_VA
    ldr     x21, =0xC500000000000000    // the helper's pattern base
    mov     x20, #0
1:  mov     x0, #N_CROSS
    SYSCALL SYS_WAIT
    str     x1, [x19, #CROSS_SAW]
    ldr     x9, [x19, #CROSS_FP_ON]
    cbz     x9, 3f
    cbz     x20, 2f
    add     x12, x21, x20, lsl #8
    bl      check_vectors
    ldr     x9, [x19, #CROSS_FP_BAD]
    orr     x9, x9, x11
    str     x9, [x19, #CROSS_FP_BAD]
2:  add     x20, x20, #1
    add     x12, x21, x20, lsl #8
    bl      fill_vectors
    str     x20, [x19, #CROSS_ROUNDS]
3:  mov     x0, #N_PONG_SEND
    SYSCALL SYS_SIGNAL
    b       1b

// One round of the cross-core helper: x0 = WAIT's status, x1 = the badge of the pong.
ping_cross_helper:
    mov     x0, #N_CROSS_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #N_PONG
    SYSCALL SYS_WAIT
    ret

// ---- Test 10: TCB operations on a thread running on another core take effect before the syscall returns -----
// One core: nothing runs elsewhere. Several: test 7's spinner moves to core 1 (where test 9's helper waits) and
// spins there. Its registers written from core 0 must redirect it: the kernel stops it on core 1 before it writes
// them (seL4's remoteTCBStall), so they are what it resumes with; without the stall core 1 runs on, and its next
// entry (the timer's) saves the old registers over the written ones. Then it is suspended: its count must not move
// once the syscall has returned, however long core 0 watches (four timer ticks).
t_remote_tcb:
    TEST_BEGIN
    SEVERAL_CORES_OR_PASS "  one core: no thread runs on another"
    str     xzr, [x19, #SPIN]
    str     xzr, [x19, #STALL_LANDED]
    SPINNER_TO_CORE 1, 1
    START_THREAD TCB_SPINNER, spinner_entry, SPINNER_STACK_SLOT, 2
    mov     x0, #SPIN                   // it spins on core 1
    bl      wait_for_data_word
    CHECK_EQ x0, 0, 4
    mov     x0, #TCB_SPINNER
    adr     x1, stall_landing
    ldr     x2, =(STACK_VA + SPINNER_STACK_SLOT * STACK_STRIDE + PAGE_BYTES)
    ldr     x3, =STALL_MAGIC
    SYSCALL SYS_TCB_WRITE_REGISTERS
    CHECK_EQ x0, 0, 5
    mov     x0, #STALL_LANDED
    bl      wait_for_data_word
    CHECK_EQ x0, 0, 6
    CHECK_DATA STALL_LANDED, STALL_MAGIC, 7
    mov     x0, #TCB_SPINNER
    SYSCALL SYS_TCB_SUSPEND
    CHECK_EQ x0, 0, 8
    bl      spin_count_stays
    CHECK_EQ x0, 0, 9
    SPINNER_TO_CORE 0, 10
    PRINTS  "  registers written and suspension took effect on the other core before the syscall returned"
    NEWLINE
    b       test_pass

// The spinner, redirected by test 10: x0 = what the driver wrote; then it spins on.
stall_landing:
    ldr     x19, =DATA_VA
    str     x0, [x19, #STALL_LANDED]
    b       spinner_entry

// Right after a syscall that stopped the spinner: x0 = 0 if its count (SPIN) stays where it is now for four ticks of
// the 100 Hz timer, 1 if it moves (the spinner ran on after the syscall returned).
spin_count_stays:
    ldr     x11, =DATA_VA
    ldr     x12, [x11, #SPIN]
    mrs     x9, cntfrq_el0
    lsr     x9, x9, #2
    mov     x10, #25
    udiv    x9, x9, x10
    READ_COUNTER x10
    add     x9, x9, x10
1:  READ_COUNTER x10
    cmp     x10, x9
    b.lo    1b
    ldr     x10, [x11, #SPIN]
    cmp     x10, x12
    cset    x0, ne
    ret

// x0 = an offset in the data page: x0 = 0 once the word there is nonzero, 1 if it stayed zero for five seconds of
// counter time (a thread on another core that never ran).
wait_for_data_word:
    ldr     x11, =DATA_VA
    add     x11, x11, x0
    mrs     x9, cntfrq_el0
    mov     x10, #5
    mul     x9, x9, x10
    READ_COUNTER x10
    add     x9, x9, x10
1:  ldr     x12, [x11]
    cbnz    x12, 2f
    READ_COUNTER x10
    cmp     x10, x9
    b.lo    1b
    mov     x0, #1
    ret
2:  mov     x0, #0
    ret

// ---- Test 11: a device interrupt goes to the core of the driver that acknowledged it ------------------------
// One core: nothing to route. Several: test 7's spinner becomes a driver on core 1 for test 8's interrupt handler
// (the PL011's transmit interrupt, signalling N_IRQ with IRQ_BADGE): it prints a line (which raises the transmit
// interrupt) and unmasks it at the UART, waits for it, quiets the UART and acknowledges, twice. Its acknowledgement on core 1 routes the line to core 1 (GICD_ITARGETSR; the
// BCM2835 keeps every GPU line on core 0): the host test reads where the second interrupt was taken from the kernel's
// device_interrupts_by_core figure. Here: both interrupts reached the driver, and the line is left as test 8 left it.
t_routed_irq:
    TEST_BEGIN
    SEVERAL_CORES_OR_PASS "  one core: nothing to route"
    str     xzr, [x19, #ROUTED_BADGES]
    mov     x9, #0xFF
    str     x9, [x19, #ROUTED_STATUS]
    SPINNER_TO_CORE 1, 1
    START_THREAD TCB_SPINNER, routed_driver_entry, SPINNER_STACK_SLOT, 2
    mov     x0, #N_DONE                 // the driver's two rounds on core 1
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 4
    CHECK_EQ x1, DONE_BADGE, 5
    CHECK_DATA ROUTED_STATUS, 0, 6
    CHECK_DATA ROUTED_BADGES, (IRQ_BADGE << 8) | IRQ_BADGE, 7
    SPINNER_TO_CORE 0, 8
    PRINTS  "  the driver on core 1 got its device interrupt twice"
    NEWLINE
    b       test_pass

// Test 11's driver (core 1): two rounds of raise, wait, quiet, acknowledge; ROUTED_STATUS = the first failed step.
routed_driver_entry:
    ldr     x19, =DATA_VA
    ldr     x20, =DEVICE_VA
    mov     x21, #2                     // rounds
    mov     x22, #0                     // badges seen, one byte each
1:  PRINTS  "  driver on core 1: raising the interrupt" // the console's sending raises the transmit interrupt
    NEWLINE
    mov     w9, #UART_TX_INTERRUPT
    str     w9, [x20, #UART_IMSC]
    mov     x0, #N_IRQ
    SYSCALL SYS_WAIT
    mov     x9, #1
    cbnz    x0, 2f
    orr     x22, x1, x22, lsl #8
    str     wzr, [x20, #UART_IMSC]
    mov     w9, #UART_TX_INTERRUPT
    str     w9, [x20, #UART_ICR]
    mov     x0, #IRQ_HANDLER
    SYSCALL SYS_IRQ_ACK
    mov     x9, #2
    cbnz    x0, 2f
    subs    x21, x21, #1
    b.ne    1b
    mov     x9, #0
2:  str     x22, [x19, #ROUTED_BADGES]
    str     x9, [x19, #ROUTED_STATUS]
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_SPINNER
    SYSCALL SYS_TCB_SUSPEND
    b       .

// ---- Test 12: TPIDR_EL0 follows a thread that moves while the core it left idles --------------------------
// One core: nothing moves. Several: test 7's spinner sets its TPIDR_EL0 on core 1 and blocks, so core 1 idles
// (nothing else of core 1 is runnable); it moves to core 0 while blocked and is woken there: it must read its own
// value back (before, the value stayed in core 1's register while core 1 idled, and core 0 gave it the one of its
// last switch).
t_moved_tp:
    TEST_BEGIN
    SEVERAL_CORES_OR_PASS "  one core: nothing moves"
    str     xzr, [x19, #TP_SEEN]
    SPINNER_TO_CORE 1, 1
    START_THREAD TCB_SPINNER, moved_tp_entry, SPINNER_STACK_SLOT, 2
    mov     x0, #N_DONE                 // it has set TPIDR_EL0 on core 1 and is about to block
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 4
    SPINNER_TO_CORE 0, 5
    mov     x0, #N_IDLE_SEND            // wakes it on core 0 (it runs once the driver waits)
    SYSCALL SYS_SIGNAL
    CHECK_EQ x0, 0, 6
    mov     x0, #N_DONE
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 7
    CHECK_DATA TP_SEEN, TP_MAGIC, 8
    PRINTS  "  the thread pointer came along from core 1"
    NEWLINE
    b       test_pass

// Test 12's thread: TPIDR_EL0 set on core 1, then blocked until the driver wakes it (on core 0 by then).
moved_tp_entry:
    ldr     x19, =DATA_VA
    ldr     x9, =TP_MAGIC
    msr     tpidr_el0, x9
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #N_IDLE
    SYSCALL SYS_WAIT
    mrs     x9, tpidr_el0
    str     x9, [x19, #TP_SEEN]
    mov     x0, #N_DONE_SEND
    SYSCALL SYS_SIGNAL
    mov     x0, #TCB_SPINNER
    SYSCALL SYS_TCB_SUSPEND
    b       .

// ---- Test 13: a thread deleted while it runs on another core runs no further instruction ------------------
// One core: nothing runs elsewhere. Several: test 7's spinner spins on core 1 and its only capability is deleted from
// core 0. Destroying the thread stalls core 1 first (seL4's remoteTCBStall in finaliseCap), so once the delete has
// returned its count must not move; without the stall core 1 ran on until its reschedule interrupt arrived. Last of
// the tests: the spinner is gone afterwards.
t_remote_delete:
    TEST_BEGIN
    SEVERAL_CORES_OR_PASS "  one core: no thread runs on another"
    str     xzr, [x19, #SPIN]
    SPINNER_TO_CORE 1, 1
    START_THREAD TCB_SPINNER, long_spinner_entry, SPINNER_STACK_SLOT, 2
    mov     x0, #SPIN                   // it spins on core 1
    bl      wait_for_data_word
    CHECK_EQ x0, 0, 4
    mov     x0, #ROOT_CNODE
    mov     x1, #TCB_SPINNER
    mov     x2, #64
    SYSCALL SYS_CAP_DELETE
    CHECK_EQ x0, 0, 5
    bl      spin_count_stays
    CHECK_EQ x0, 0, 6
    mov     x0, #TCB_SPINNER            // the slot is empty now
    SYSCALL SYS_TCB_SUSPEND
    CHECK_EQ x0, ERR_INVALID_CAPABILITY, 7
    PRINTS  "  the thread deleted on the other core ran no further"
    NEWLINE
    b       test_pass

// ---- Test 14: a handler issued for a core takes its interrupts there, whoever acknowledges ----------------------
// Any machine: test 8's handler goes and the UART's line is issued again with IRQ_HANDLER_GET_TRIGGER_CORE for the last
// core, after a core beyond it was refused (InvalidArgument, CoreOutOfRange). The driver (this thread, on core 0)
// raises the transmit interrupt, waits, quiets the UART and acknowledges, twice: on a GIC both interrupts are taken on
// the last core (without the trigger core the line follows core 0's acknowledgement); the host test reads the kernel's
// device_interrupts_by_core figure. The line is left as test 8 left it: enabled, the UART quiet.
t_trigger_core:
    TEST_BEGIN
    ldr     x19, =DATA_VA
    ldr     x20, [x19, #BOOT_CORE_COUNT]
    ldr     x21, =DEVICE_VA
    mov     x0, #ROOT_CNODE
    mov     x1, #IRQ_HANDLER
    mov     x2, #64
    SYSCALL SYS_CAP_DELETE
    CHECK_EQ x0, 0, 1
    mov     x5, x20                     // one past the last core
    bl      get_uart_handler_on_core
    CHECK_EQ x0, ERR_INVALID_ARGUMENT, 2
    ldr     x9, [x19, #BOOT_REASON_CORE_OUT_OF_RANGE]
    CHECK_REG x1, x9, 3
    sub     x5, x20, #1                 // the last core
    bl      get_uart_handler_on_core
    CHECK_EQ x0, 0, 4
    mov     x0, #IRQ_HANDLER
    mov     x1, #N_IRQ_BADGED
    SYSCALL SYS_IRQ_SET_NOTIFICATION
    CHECK_EQ x0, 0, 5
    mov     x22, #2                     // rounds
1:  PRINTS  "  driver on core 0: raising the interrupt" // the console's sending raises the transmit interrupt
    NEWLINE
    mov     w9, #UART_TX_INTERRUPT
    str     w9, [x21, #UART_IMSC]
    mov     x0, #N_IRQ
    SYSCALL SYS_WAIT
    CHECK_EQ x0, 0, 6
    CHECK_EQ x1, IRQ_BADGE, 7
    str     wzr, [x21, #UART_IMSC]
    mov     w9, #UART_TX_INTERRUPT
    str     w9, [x21, #UART_ICR]
    mov     x0, #IRQ_HANDLER
    SYSCALL SYS_IRQ_ACK
    CHECK_EQ x0, 0, 8
    subs    x22, x22, #1
    b.ne    1b
    PRINTS  "  the driver on core 0 got its interrupt twice from the line's trigger core"
    NEWLINE
    b       test_pass

// IRQ_HANDLER_GET_TRIGGER_CORE of the UART's line into IRQ_HANDLER for core x5 (x19 = DATA_VA); x0, x1 as returned.
get_uart_handler_on_core:
    mov     x0, #IRQ_CONTROL
    ldr     x1, [x19, #BOOT_UART_IRQ]
    mov     x2, #ROOT_CNODE
    mov     x3, #IRQ_HANDLER
    mov     x4, #64
    mov     x8, #SYS_IRQ_HANDLER_GET_TRIGGER_CORE
    svc     #0
    ret

// Test 13's spinner: its count goes up once per 256 instructions of straight-line work. QEMU takes an interrupt only
// between translation blocks, and the loop body is one block, so a core interrupted while in it runs to the store
// first: without the stall that store lands after the delete has returned often enough to see.
long_spinner_entry:
    ldr     x19, =DATA_VA
1:  ldr     x9, [x19, #SPIN]
    .rept   256
    add     x10, x10, #1
    .endr
    add     x9, x9, #1
    str     x9, [x19, #SPIN]
    b       1b

// ---- Shared routines --------------------------------------------------------------------------------
test_pass:
    mov     x0, #0
test_return:
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

// Every vector register gets a pattern from x12: v<i>.d[0] = x12 + i, v<i>.d[1] = ~(x12 + i).
fill_vectors:
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    add     x9, x12, #\i
    mvn     x10, x9
    fmov    d\i, x9
    mov     v\i\().d[1], x10
    .endr
    ret

// x11 = 0 if and only if every vector register still holds fill_vectors' pattern from x12.
check_vectors:
    mov     x11, #0
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    add     x9, x12, #\i
    fmov    x10, d\i
    eor     x10, x10, x9
    orr     x11, x11, x10
    mvn     x9, x9
    mov     x10, v\i\().d[1]
    eor     x10, x10, x9
    orr     x11, x11, x10
    .endr
    ret

print:                                  // x0 address, x1 length; x0 = DEBUG_PRINT's status
    mov     x8, #SYS_DEBUG_PRINT
    svc     #0
    ret

print_test_name:                        // x22 = the test's table entry
    ldr     w9, [x22, #4]
    ldr     w1, [x22, #8]
    adr     x0, test_table
    add     x0, x0, x9
    mov     x8, #SYS_DEBUG_PRINT
    svc     #0
    ret

print_decimal:                          // x0 unsigned; digits built on the stack, printed in one call
    sub     sp, sp, #32
    add     x2, sp, #32
    mov     x3, x2
    mov     x4, #10
1:  udiv    x5, x0, x4
    msub    x6, x5, x4, x0
    add     x6, x6, #'0'
    strb    w6, [x3, #-1]!
    mov     x0, x5
    cbnz    x0, 1b
    mov     x0, x3
    sub     x1, x2, x3
    mov     x8, #SYS_DEBUG_PRINT
    svc     #0
    add     sp, sp, #32
    ret

// ---- Benchmarks -------------------------------------------------------------------------------------
// Counter ticks of CNTVCT_EL0 (EL0 may read it: CNTKCTL_EL1.EL0VCTEN). Under QEMU -icount shift=0 one
// guest instruction takes 1 ns, so a tick is 1e9 / CNTFRQ instructions (16 at 62.5 MHz); the figures
// script turns ticks into instructions per operation. Each line:
//   kaal-bench: name=N iterations=I ticks=T baseline_ticks=B counter_hz=F
// per operation = (T - B) / I ticks.
run_benchmarks:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]

    // Null syscall: POLL on a notification nobody signals (KaaL has no do-nothing syscall; this is entry,
    // one capability lookup, the dispatcher and exit). Baseline: the same loop without the svc.
    READ_COUNTER x20
    mov     x19, #BENCH_ITERATIONS
bench_null_syscall_loop:                // named loop heads: scripts/profile.sh counts iterations by them
    mov     x0, #N_IDLE
    mov     x8, #SYS_POLL
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_null_syscall_loop
    READ_COUNTER x21
    mov     x19, #BENCH_ITERATIONS
2:  mov     x0, #N_IDLE
    mov     x8, #SYS_POLL
    nop
    subs    x19, x19, #1
    b.ne    2b
    READ_COUNTER x22
    adr     x0, b_null_syscall
    mov     x1, #(b_round_trip - b_null_syscall)
    mov     x2, #BENCH_ITERATIONS
    sub     x3, x21, x20
    sub     x4, x22, x21
    bl      print_bench

    // Call + ReplyRecv round trip between address spaces (server in B, minimal loop).
    mov     x0, #TCB_BENCH_SERVER
    adr     x1, bench_server_entry
    ldr     x2, =(STACK_VA + 1 * STACK_STRIDE + PAGE_BYTES)
    mov     x3, #0
    SYSCALL SYS_TCB_WRITE_REGISTERS
    mov     x0, #TCB_BENCH_SERVER
    SYSCALL SYS_TCB_RESUME
    mov     x0, #BENCH_EP_CLIENT        // warm-up: the server's first RECV and its loop's first REPLY_RECV
    mov     x1, #0
    SYSCALL SYS_CALL
    READ_COUNTER x20
    mov     x19, #BENCH_ITERATIONS
bench_round_trip_loop:
    mov     x0, #BENCH_EP_CLIENT
    mov     x1, #0
    mov     x8, #SYS_CALL
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_round_trip_loop
    READ_COUNTER x21
    adr     x0, b_round_trip
    mov     x1, #(b_signal - b_round_trip)
    mov     x2, #BENCH_ITERATIONS
    sub     x3, x21, x20
    mov     x4, #0
    bl      print_bench

    // Signal to a waiting higher-priority thread (the waiter in B at 200, the driver lowered to 100):
    // one way, from before the SIGNAL to the waiter's return from WAIT, summed by the waiter.
    mov     x0, #TCB_BENCH_WAITER
    adr     x1, bench_waiter_entry
    ldr     x2, =(STACK_VA + 2 * STACK_STRIDE + PAGE_BYTES)
    mov     x3, #0
    SYSCALL SYS_TCB_WRITE_REGISTERS
    mov     x0, #TCB_BENCH_WAITER
    SYSCALL SYS_TCB_RESUME
    mov     x0, #ROOT_TCB               // the waiter runs now and blocks in WAIT
    mov     x1, #BENCH_LOW_PRIORITY
    SYSCALL SYS_TCB_SET_PRIORITY
    ldr     x23, =SHARED_VA
    READ_COUNTER x9                     // warm-up signal, then start the sum afresh
    str     x9, [x23, #BENCH_T0]
    mov     x0, #N_BENCH_SEND
    SYSCALL SYS_SIGNAL
    str     xzr, [x23, #BENCH_SUM]
    mov     x19, #BENCH_ITERATIONS
bench_signal_loop:
    isb
    mrs     x9, cntvct_el0
    str     x9, [x23, #BENCH_T0]
    mov     x0, #N_BENCH_SEND
    mov     x8, #SYS_SIGNAL
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_signal_loop
    adr     x0, b_signal
    mov     x1, #(b_yield - b_signal)
    mov     x2, #BENCH_ITERATIONS
    ldr     x3, [x23, #BENCH_SUM]
    mov     x4, #0
    bl      print_bench

    // Yield between two threads of equal priority in different address spaces (the driver at 100 and
    // the yielder in B): every YIELD switches; ticks over 2 * iterations yields.
    mov     x0, #TCB_BENCH_YIELDER
    adr     x1, bench_yielder_entry
    ldr     x2, =(STACK_VA + 3 * STACK_STRIDE + PAGE_BYTES)
    mov     x3, #0
    SYSCALL SYS_TCB_WRITE_REGISTERS
    mov     x0, #TCB_BENCH_YIELDER
    SYSCALL SYS_TCB_RESUME
    SYSCALL SYS_YIELD                   // warm-up: one switch each way
    READ_COUNTER x20
    mov     x19, #BENCH_ITERATIONS
bench_yield_loop:
    mov     x8, #SYS_YIELD
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_yield_loop
    READ_COUNTER x21
    adr     x0, b_yield
    mov     x1, #(b_end - b_yield)
    mov     x2, #(2 * BENCH_ITERATIONS)
    sub     x3, x21, x20
    mov     x4, #0
    bl      print_bench

    mov     x0, #TCB_BENCH_YIELDER      // stop the benchmark threads, back to the top priority
    SYSCALL SYS_TCB_SUSPEND
    mov     x0, #TCB_BENCH_WAITER
    SYSCALL SYS_TCB_SUSPEND
    mov     x0, #ROOT_TCB
    mov     x1, #TOP_PRIORITY
    SYSCALL SYS_TCB_SET_PRIORITY
    ldr     x9, =DATA_VA
    ldr     x9, [x9, #BOOT_CORE_COUNT]
    cmp     x9, #1
    b.ls    1f
    bl      run_cross_core_benchmarks
1:  mov     x0, #TCB_BENCH_SERVER
    SYSCALL SYS_TCB_SUSPEND
    mov     x0, #TCB_CROSS
    SYSCALL SYS_TCB_SUSPEND

    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

b_null_syscall: .ascii "null_syscall"
b_round_trip:   .ascii "call_replyrecv_round_trip"
b_signal:       .ascii "signal_to_higher_priority"
b_yield:        .ascii "yield"
b_end:
    .balign 4

// Several cores only: the same Call + ReplyRecv round trip with the benchmark server moved to core 1 (blocked in
// REPLY_RECV when it moves), and a signal ping-pong with test 9's helper on core 1 (SIGNAL, then WAIT for its
// pong). Each iteration crosses cores twice: the kernel interrupts the other core each way, which idles meanwhile.
run_cross_core_benchmarks:
    stp     x29, x30, [sp, #-48]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    mov     x0, #TCB_BENCH_SERVER
    mov     x1, #1
    SYSCALL SYS_TCB_SET_AFFINITY
    mov     x0, #BENCH_EP_CLIENT        // warm-up: the server's first answer on core 1
    mov     x1, #0
    SYSCALL SYS_CALL
    READ_COUNTER x20
    mov     x19, #CROSS_BENCH_ITERATIONS
bench_cross_round_trip_loop:
    mov     x0, #BENCH_EP_CLIENT
    mov     x1, #0
    mov     x8, #SYS_CALL
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_cross_round_trip_loop
    READ_COUNTER x21
    adr     x0, b_cross_round_trip
    mov     x1, #(b_cross_signal - b_cross_round_trip)
    mov     x2, #CROSS_BENCH_ITERATIONS
    sub     x3, x21, x20
    mov     x4, #0
    bl      print_bench
    READ_COUNTER x20
    mov     x19, #CROSS_BENCH_ITERATIONS
bench_cross_signal_loop:
    mov     x0, #N_CROSS_SEND
    mov     x8, #SYS_SIGNAL
    svc     #0
    mov     x0, #N_PONG
    mov     x8, #SYS_WAIT
    svc     #0
    subs    x19, x19, #1
    b.ne    bench_cross_signal_loop
    READ_COUNTER x21
    adr     x0, b_cross_signal
    mov     x1, #(b_cross_end - b_cross_signal)
    mov     x2, #CROSS_BENCH_ITERATIONS
    sub     x3, x21, x20
    mov     x4, #0
    bl      print_bench
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x29, x30, [sp], #48
    ret

b_cross_round_trip: .ascii "call_replyrecv_round_trip_cross_core"
b_cross_signal:     .ascii "signal_wait_round_trip_cross_core"
b_cross_end:
    .balign 4

// x0/x1 name, x2 iterations, x3 ticks, x4 baseline ticks: one kaal-bench line.
print_bench:
    stp     x29, x30, [sp, #-48]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    mov     x19, x0
    mov     x20, x1
    mov     x21, x2
    stp     x3, x4, [sp, #-16]!
    PRINTS  "kaal-bench: name="
    mov     x0, x19
    mov     x1, x20
    bl      print
    PRINTS  " iterations="
    mov     x0, x21
    bl      print_decimal
    PRINTS  " ticks="
    ldr     x0, [sp]
    bl      print_decimal
    PRINTS  " baseline_ticks="
    ldr     x0, [sp, #8]
    bl      print_decimal
    PRINTS  " counter_hz="
    mrs     x0, cntfrq_el0
    bl      print_decimal
    NEWLINE
    add     sp, sp, #16
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x29, x30, [sp], #48
    ret

bench_server_entry:
    mov     x0, #BENCH_EP
    SYSCALL SYS_RECV
1:  mov     x0, #BENCH_EP
    mov     x1, #0
    mov     x8, #SYS_REPLY_RECV
    svc     #0
    b       1b

bench_waiter_entry:
    ldr     x19, =SHARED_VA
1:  mov     x0, #N_BENCH
    mov     x8, #SYS_WAIT
    svc     #0
    isb
    mrs     x9, cntvct_el0
    ldr     x10, [x19, #BENCH_T0]
    sub     x9, x9, x10
    ldr     x10, [x19, #BENCH_SUM]
    add     x10, x10, x9
    str     x10, [x19, #BENCH_SUM]
    b       1b

bench_yielder_entry:
1:  mov     x8, #SYS_YIELD
    svc     #0
    b       1b

    .ltorg
