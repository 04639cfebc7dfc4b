#!/usr/bin/env bash
# Kernel benchmarks in guest instructions: builds the user-test variant (incrementally), boots it on QEMU
# virt and raspi3b under -icount shift=0 (one guest instruction = 1 ns of virtual time, so CNTVCT_EL0
# ticks count instructions: 1e9 / CNTFRQ of them per tick), reads the "kaal-bench:" lines its EL0 program
# prints after the tests, and prints instructions per operation beside seL4's published cycles on a
# Cortex-A53 (sel4bench, Odroid-C2; ../shared/reference/sel4-semantics.md). Instructions under QEMU are not
# cycles on a board; the comparison says how much work each path does, not how fast a Pi runs it.
# Usage: Kaal.Kernel.Arm64/scripts/bench.sh   (from anywhere; needs the same tools as the build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROJECT=Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj
VARIANT=user-test
IMAGES="artifacts/kernel/$VARIANT"
QEMU_LIMIT_SECONDS=120
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
dotnet build "$PROJECT" -p:KaalKernelVariant=$VARIANT --disable-build-servers -nologo -v:q >"$LOG" 2>&1 \
  || { cat "$LOG" >&2; echo "error: kernel build failed" >&2; exit 1; }

declare -A result
for machine in virt raspi3b; do
  if [[ $machine == virt ]]; then
    args=(-M virt -cpu cortex-a53 -m 128M -kernel "$IMAGES/kaal.elf")
  else
    args=(-M raspi3b -kernel "$IMAGES/kernel8.img")
  fi
  output=$(timeout "$QEMU_LIMIT_SECONDS" qemu-system-aarch64 "${args[@]}" -nographic -nic none -semihosting -monitor none \
             -icount shift=0,align=off,sleep=off </dev/null | tr -d '\r' || true)
  grep -q '^Test suite passed\.' <<<"$output" || { echo "$output" >&2; echo "error: $machine: the EL0 tests did not pass" >&2; exit 1; }
  while read -r name instructions; do
    result[$machine,$name]=$instructions
  done < <(awk '/^kaal-bench:/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%s %.1f\n", v["name"], (v["ticks"] - v["baseline_ticks"]) * 1e9 / v["counter_hz"] / v["iterations"]
    }' <<<"$output")
done

echo "kernel benchmarks: guest instructions per operation (qemu -icount shift=0; 1000 iterations after a warm-up)"
printf '  %-58s %9s %9s %12s %8s\n' operation virt raspi3b "seL4 A53" goal
row() { printf '  %-58s %9s %9s %12s %8s\n' "$2" "${result[virt,$1]:-?}" "${result[raspi3b,$1]:-?}" "$3" "$4"; }
row null_syscall "null syscall (POLL on an idle notification)" "131 cycles" "<= 200"
row call_replyrecv_round_trip "Call + ReplyRecv round trip between address spaces" "538 cycles" "<= 1000"
row signal_to_higher_priority "signal to a waiting higher-priority thread (one way)" "902 cycles" ""
row yield "yield, switching address spaces" "506 cycles" ""
