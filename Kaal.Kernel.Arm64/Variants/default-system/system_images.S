// The default system's three blobs, embedded as the variant's EL0 programs (section .user, page-aligned): the user
// ELF (every component's binary, the root task's too), the registry of the manifest and the image store (new
// versions for system_init's loader, docs/hot-reload.md; empty when the system has none), all made by the build
// (the KaalSystemRegistry target) in the image folder the assembler gets as its include path (-I). The header's
// six words say where each lies, relative to the header, and its size in bytes (DefaultSystem.cs reads them).
    .section .user.system, "a"
    .balign 4096
kaal_system_images:
    .quad   user_elf_start - kaal_system_images
    .quad   user_elf_end - user_elf_start
    .quad   registry_start - kaal_system_images
    .quad   registry_end - registry_start
    .quad   store_start - kaal_system_images
    .quad   store_end - store_start
    .balign 16
user_elf_start:
    .incbin "kaal-user.elf"
user_elf_end:
    .balign 16
registry_start:
    .incbin "kaal-registry.bin"
registry_end:
    .balign 16
store_start:
    .incbin "kaal-images.bin"
store_end:
    .balign 4096
