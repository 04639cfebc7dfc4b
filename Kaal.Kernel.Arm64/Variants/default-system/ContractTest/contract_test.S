// The default-system boot contract, checked at EL0 by the root task itself (docs/el0-components.md):
// x0 and sp as promised, the boot information page's fields, the registry readable at its window, .data
// initialised and writable, .bss zero; then a helper thread whose fault handler is this root task writes to the
// read-only boot information page and to the read/execute text, and each must arrive as a VmFault at that address.
// Prints "contract: all checks passed" and SHUTDOWNs with 0, or prints "contract: check failed" and SHUTDOWNs with
// the number of the first failed check.

    .equ    BOOT_INFO_VA, 0x70000000          // BootInfoLayout.VirtAddr
    .equ    REGISTRY_VA, 0x60000000           // BootInfoLayout.RegistryVirtAddr
    .equ    STACK_TOP, 0x70020000             // RootImageRules.StackTopVirtAddr
    .equ    BOOT_MAGIC_LO, 0x424C414B         // "KALBOOT1"
    .equ    BOOT_MAGIC_HI, 0x31544F4F
    .equ    REGISTRY_MAGIC_LO, 0x4C41414B     // "KAALREG1"
    .equ    REGISTRY_MAGIC_HI, 0x31474552
    .equ    UART_PHYS, 0x09000000             // virt's PL011: some device untyped must cover it

    .equ    SYS_RECV, 0x03
    .equ    SYS_REPLY_RECV, 0x06
    .equ    SYS_ENDPOINT_CREATE, 0x13
    .equ    SYS_RETYPE, 0x26
    .equ    SYS_TCB_CONFIGURE, 0x30
    .equ    SYS_TCB_RESUME, 0x33
    .equ    SYS_TCB_WRITE_REGISTERS, 0x34
    .equ    SYS_SHUTDOWN, 0x50
    .equ    SYS_DEBUG_PRINT, 0x1001
    .equ    OBJECT_TCB, 1
    .equ    ROOT_VSPACE, 3
    .equ    FAULT_VM_TAG, (2 << 12) | 3
    .equ    RESUME_AT_MR0_TAG, 1

.macro SYSCALL number
    mov     x8, #(\number & 0xFFFF)
    .if \number > 0xFFFF
    movk    x8, #(\number >> 16), lsl #16
    .endif
    svc     #0
.endm

// Fails with check number \check unless register \reg equals register \expected.
.macro CHECK_REG reg, expected, check
    cmp     \reg, \expected
    mov     x28, #\check
    b.ne    fail
.endm

.macro CHECK_EQ reg, value, check
    ldr     x9, =\value
    CHECK_REG \reg, x9, \check
.endm

    .text
    .global _start
_start:
    CHECK_EQ x0, BOOT_INFO_VA, 1
    mov     x9, sp
    CHECK_EQ x9, STACK_TOP, 2
    mov     x19, x0                           // x19 = boot information page for the rest
    ldr     w9, [x19]                         // magic
    CHECK_EQ x9, BOOT_MAGIC_LO, 3
    ldr     w9, [x19, #4]
    CHECK_EQ x9, BOOT_MAGIC_HI, 4
    ldr     w9, [x19, #8]                     // version
    CHECK_EQ x9, 3, 5
    ldr     x9, [x19, #16]                    // root CNode cptr
    CHECK_EQ x9, 2, 6
    ldr     x9, [x19, #24]                    // its depth: the whole word
    CHECK_EQ x9, 64, 7
    ldr     x20, [x19, #32]                   // slot count
    ldr     x21, [x19, #40]                   // first empty slot: after the untypeds and the set-up's frames
    cmp     x21, #16
    mov     x28, #8
    b.ls    fail
    cmp     x21, x20
    mov     x28, #9
    b.hs    fail
    ldr     x9, [x19, #48]                    // IrqControl
    CHECK_EQ x9, 4, 10
    ldr     x9, [x19, #56]                    // registry address
    CHECK_EQ x9, REGISTRY_VA, 11
    ldr     x22, [x19, #64]                   // registry size
    cbz     x22, 1f
    b       2f
1:  mov     x28, #12
    b       fail
2:  ldr     w23, [x19, #12]                   // untyped count
    ldr     x9, [x19, #128]                   // the first untyped sits in slot 16 (the Model's FirstUntypedSlot)
    CHECK_EQ x9, 16, 13
    bl      find_untypeds                     // x24 = a RAM untyped's cptr, x25 = 1 if a device untyped covers the UART
    CHECK_EQ x25, 1, 14
    cbz     x24, 1f
    b       2f
1:  mov     x28, #15
    b       fail
    // The registry: its magic at the start and its last byte readable.
2:  ldr     x15, =REGISTRY_VA                 // (x9 is CHECK_EQ's scratch)
    ldr     w10, [x15]
    CHECK_EQ x10, REGISTRY_MAGIC_LO, 20
    ldr     w10, [x15, #4]
    CHECK_EQ x10, REGISTRY_MAGIC_HI, 21
    add     x10, x15, x22
    ldurb   w10, [x10, #-1]
    // The page below it: zeroed and writable (the root task's runtime writes the registry's array header there).
    ldur    x10, [x15, #-16]
    CHECK_EQ x10, 0, 22
    stur    x19, [x15, #-16]
    // The registry's first frame: a set-up slot, below the first empty one.
    ldr     x10, [x19, #72]
    cmp     x10, #16
    mov     x28, #23
    b.ls    fail
    cmp     x10, x21
    mov     x28, #24
    b.hs    fail
    // .data as the file has it, and writable; .bss zero.
    adr     x15, initialised
    ldr     x10, [x15]
    CHECK_EQ x10, 0x1122334455667788, 30
    str     x19, [x15]
    ldr     x10, [x15]
    CHECK_REG x10, x19, 31
    adr     x15, zeroed
    mov     x11, #(zeroed_end - zeroed) / 8
3:  ldr     x10, [x15], #8
    CHECK_EQ x10, 0, 32
    subs    x11, x11, #1
    b.ne    3b

    // The helper: an endpoint and a TCB from the RAM untyped, in the first empty slots, the endpoint as its fault
    // handler; it shares this address space and CSpace.
    mov     x0, x24
    mov     x1, x21                           // endpoint in the first empty slot
    SYSCALL SYS_ENDPOINT_CREATE
    CHECK_EQ x0, 0, 40
    mov     x0, x24
    mov     x1, #OBJECT_TCB
    mov     x2, #0
    mov     x3, #2
    mov     x4, #0
    mov     x5, #0
    add     x6, x21, #1                       // TCB in the next slot
    mov     x7, #1
    SYSCALL SYS_RETYPE
    CHECK_EQ x0, 0, 41
    add     x0, x21, #1
    mov     x1, x21
    mov     x2, #2
    mov     x3, #ROOT_VSPACE
    mov     x4, #0
    mov     x5, #0
    SYSCALL SYS_TCB_CONFIGURE
    CHECK_EQ x0, 0, 42
    add     x0, x21, #1
    adr     x1, helper
    adr     x2, helper_stack_top
    mov     x3, #0
    SYSCALL SYS_TCB_WRITE_REGISTERS
    CHECK_EQ x0, 0, 43
    add     x0, x21, #1
    SYSCALL SYS_TCB_RESUME
    CHECK_EQ x0, 0, 44
    mov     x0, x21
    SYSCALL SYS_RECV                          // x0 status, x2 tag, x3 pc, x4 address, x5 ESR
    CHECK_EQ x0, 0, 50
    CHECK_EQ x2, FAULT_VM_TAG, 51
    adr     x9, fault_boot_info
    CHECK_REG x3, x9, 52
    CHECK_EQ x4, BOOT_INFO_VA, 53
    ubfx    x9, x5, #6, #1                    // ESR WnR: a write
    CHECK_EQ x9, 1, 54
    mov     x0, x21
    mov     x1, #RESUME_AT_MR0_TAG
    adr     x2, after_boot_info
    SYSCALL SYS_REPLY_RECV
    CHECK_EQ x0, 0, 60
    CHECK_EQ x2, FAULT_VM_TAG, 61
    adr     x9, fault_text
    CHECK_REG x3, x9, 62
    adr     x9, _start
    CHECK_REG x4, x9, 63
    ubfx    x9, x5, #6, #1
    CHECK_EQ x9, 1, 64

    adr     x0, passed
    mov     x1, #(passed_end - passed)
    SYSCALL SYS_DEBUG_PRINT
    mov     x0, #4                            // IrqControl: the authority to end the run
    mov     x1, #0
    SYSCALL SYS_SHUTDOWN
    b       .

fail:
    adr     x0, failed
    mov     x1, #(failed_end - failed)
    SYSCALL SYS_DEBUG_PRINT
    mov     x0, #4
    mov     x1, x28
    SYSCALL SYS_SHUTDOWN
    b       .

// x23 untypeds from the boot information page (x19): x24 = the cptr of the first RAM one (0 if none), x25 = 1 if a
// device untyped covers UART_PHYS.
find_untypeds:
    mov     x24, #0
    mov     x25, #0
    add     x9, x19, #128
    ldr     x13, =UART_PHYS
1:  cbz     x23, 4f
    ldr     x10, [x9, #24]                    // device?
    cbnz    x10, 2f
    cbnz    x24, 3f
    ldr     x24, [x9]
    b       3f
2:  ldr     x11, [x9, #8]                     // phys
    ldr     x12, [x9, #16]                    // size bits
    cmp     x13, x11
    b.lo    3f
    mov     x14, #1
    lsl     x14, x14, x12
    add     x14, x11, x14
    cmp     x13, x14
    b.hs    3f
    mov     x25, #1
3:  add     x9, x9, #32
    sub     x23, x23, #1
    b       1b
4:  ret

helper:
    ldr     x9, =BOOT_INFO_VA
fault_boot_info:
    str     xzr, [x9]                         // read-only page: must fault
after_boot_info:
    adr     x9, _start
fault_text:
    str     xzr, [x9]                         // read/execute text: must fault
    b       .

    .section .rodata
passed:
    .ascii  "contract: all checks passed\n"
passed_end:
failed:
    .ascii  "contract: check failed\n"
failed_end:

    .data
    .balign 8
initialised:
    .quad   0x1122334455667788

    .bss
    .balign 16
zeroed:
    .skip   4096
zeroed_end:
helper_stack:
    .skip   1024
helper_stack_top:
