// The C# component image (Kaal.User.Arm64, linked at 0x400000; raw bytes from objcopy), embedded as the
// variant's EL0 program. The path is relative to the assembler's working directory (the project folder).
    .section .user.csharp, "ax"
    .balign 4096
    .incbin "../artifacts/user/kaal-components.bin"
    .balign 4096
