#!/usr/bin/env bash
# Where the kernel benchmarks' instructions go: boots the user-test image on QEMU virt with every executed
# translation block logged (-d in_asm,exec,nochain, kernel, trampoline and EL0 program only) and pipes the
# log into profile_trace.py, which attributes the instructions of each benchmark iteration to symbols and
# splits them into port, Model and user code. The log is large (about 1 GB) but never touches the disk;
# a run takes a minute or two. Build the variant first (scripts/bench.sh does).
# Usage: Kaal.Kernel.Arm64/scripts/profile.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ELF="$ROOT/artifacts/kernel/user-test/kaal.elf"
[[ -f "$ELF" ]] || { echo "error: $ELF missing: build the user-test variant first" >&2; exit 1; }
timeout 600 qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M -kernel "$ELF" -nographic -nic none -semihosting -monitor none \
    -icount shift=0,align=off,sleep=off -d in_asm,exec,nochain \
    -dfilter 0x400000..0x410000,0x40200000..0x41000000,0xffffffffffe00000..0xffffffffffe01000 \
    </dev/null 2>&1 >/dev/null | python3 "$ROOT/Kaal.Kernel.Arm64/scripts/profile_trace.py" "$ELF"
