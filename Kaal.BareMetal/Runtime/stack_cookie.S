// Stack-buffer overrun cookie. The JIT places a copy of __security_cookie below stackalloc buffers and
// compares it on return; a mismatch calls the fail-fast helper (a kernel panic). A fixed non-zero value:
// it detects accidental overruns, which is the point here, not an attacker who can read the image.

    .section .data.__security_cookie, "aw"
    .global __security_cookie
    .balign 8
__security_cookie:
    .quad   0x2B992DDFA23249D6
