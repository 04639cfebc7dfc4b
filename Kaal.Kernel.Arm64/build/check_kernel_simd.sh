#!/usr/bin/env bash
# Fails if kernel code (the objects named) uses FP/SIMD state that belongs to user threads. The EL0 exit
# path moves a thread's FP/SIMD registers, FPSR, FPCR and TPIDR_EL0 only when another thread runs
# (Boot/vectors.S): between an entry from EL0 and the exit, kernel code may touch no FP/SIMD register but
# v16 and v17 (which entry saves and exit restores every time), and those only with instructions that move
# data (no arithmetic, so FPSR's flags stay the thread's), and it may not name FPSR, FPCR or TPIDR_EL0.
# ILC's code uses v16/v17 for block zeroing and copies; if a compiler update starts using others, this
# stops the build instead of letting user FP state be corrupted.
# Usage: check_kernel_simd.sh OBJDUMP OBJECT...   (vectors.S and EL0 programs are not kernel code here)
set -euo pipefail
objdump=$1
shift
violations=$("$objdump" -d --no-show-raw-insn "$@" | awk -F'\t' '
  /^[0-9a-f]+ <.*>:$/ { function_name = $0; next }
  NF >= 3 {
    mnemonic = $2
    operands = tolower($3)
    sub(/[ \t]*\/\/.*$/, "", operands)
    gsub(/[0-9a-f]+ <[^>]*>/, "", operands)   # branch and address targets
    gsub(/<[^>]*>/, "", operands)
    if (operands ~ /(^|[^a-z0-9_])(fpsr|fpcr|tpidr_el0)([^a-z0-9_]|$)/) { print function_name ": " mnemonic " " $3; next }
    count = split(operands, tokens, /[^a-z0-9_.]+/)
    for (i = 1; i <= count; i++) {
      if (tokens[i] !~ /^[qdshbv][0-9]+(\.|$)/) continue
      register = tokens[i]
      sub(/\..*$/, "", register)
      number = substr(register, 2) + 0
      if ((number != 16 && number != 17) || mnemonic !~ /^(movi|mvni|mov|dup|ins|umov|fmov|stp|ldp|str|ldr|stur|ldur|st1|ld1)$/) {
        print function_name ": " mnemonic " " $3
        break
      }
    }
  }')
if [[ -n "$violations" ]]; then
  echo "error: kernel code uses FP/SIMD state the EL0 exit path keeps for user threads (see Boot/vectors.S):" >&2
  echo "$violations" | head -20 >&2
  exit 1
fi
