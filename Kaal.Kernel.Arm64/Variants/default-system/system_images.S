// The default system's two blobs, embedded as the variant's EL0 programs (section .user, page-aligned): the user
// ELF (every component's binary, the root task's too) and the registry of the manifest, both made by the build
// (the KaalSystemRegistry target) in the image folder the assembler gets as its include path (-I). The header's
// four words say where each lies, relative to the header, and its size in bytes (DefaultSystem.cs reads them).
    .section .user.system, "a"
    .balign 4096
kaal_system_images:
    .quad   user_elf_start - kaal_system_images
    .quad   user_elf_end - user_elf_start
    .quad   registry_start - kaal_system_images
    .quad   registry_end - registry_start
    .balign 16
user_elf_start:
    .incbin "kaal-user.elf"
user_elf_end:
    .balign 16
registry_start:
    .incbin "kaal-registry.bin"
registry_end:
    .balign 4096
