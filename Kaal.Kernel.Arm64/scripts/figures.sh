#!/usr/bin/env bash
# Measures the figures of docs/kernel-arm64.md: clean and no-op build times of the kernel images,
# reproducibility (two clean builds, byte-compared), kernel size, and guest instructions from reset to the
# first console line and to the end of the self-test under QEMU -icount shift=0 (1 ns of virtual time per
# instruction; the kernel prints its counter readings on a "kaal-figures:" line), then the kernel
# benchmarks of the user-test variant (scripts/bench.sh).
# Usage: Kaal.Kernel.Arm64/scripts/figures.sh   (from anywhere; needs the same tools as the build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROJECT=Kaal.Kernel.Arm64/Kaal.Kernel.Arm64.csproj
VARIANT=selftest
IMAGES="artifacts/kernel/$VARIANT"
QEMU_LIMIT_SECONDS=60
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

build() {
  dotnet build "$PROJECT" -p:KaalKernelVariant=$VARIANT --disable-build-servers -nologo -v:q >"$LOG" 2>&1 \
    || { cat "$LOG" >&2; echo "error: kernel build failed" >&2; exit 1; }
}

clean_build() {
  rm -rf "Kaal.Kernel.Arm64/obj/$VARIANT" "Kaal.Kernel.Arm64/bin/$VARIANT" "$IMAGES"
  build
}

seconds_of() {
  local start end
  start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
  echo "$end - $start" | bc
}

dotnet restore "$PROJECT" -nologo -v:q >/dev/null
first=$(seconds_of clean_build)
copy=$(mktemp -d)
cp "$IMAGES"/kaal.elf "$IMAGES"/kernel8.img "$copy"/
second=$(seconds_of clean_build)
noop=$(seconds_of build)
reproducible=yes
for f in kaal.elf kernel8.img; do cmp -s "$copy/$f" "$IMAGES/$f" || reproducible="NO ($f differs)"; done
rm -rf "$copy"

echo "build ($VARIANT, csc + ilc + clang + 2x ld.lld, 2 cores):"
printf '  clean build      %6.1f s and %6.1f s\n' "$first" "$second"
printf '  no-op rebuild    %6.1f s\n' "$noop"
echo "  reproducible     $reproducible (two clean builds, kaal.elf and kernel8.img byte-compared)"

echo "size:"
loaded=0; memory=0
while read -r kind _offset _vaddr _paddr filesz memsz _rest; do
  [[ $kind == LOAD ]] || continue
  loaded=$((loaded + filesz)); memory=$((memory + memsz))   # readelf prints 0x... hex, which $(( )) reads
done < <(aarch64-linux-gnu-readelf -lW "$IMAGES/kaal.elf")
printf '  kaal.elf loadable (PT_LOAD file bytes)   %8d bytes (%.1f KiB; goal < 256 KiB)\n' "$loaded" "$(echo "$loaded / 1024" | bc -l)"
printf '  kernel8.img                              %8d bytes\n' "$(stat -c %s "$IMAGES/kernel8.img")"
printf '  memory footprint incl. heap and stack    %8d bytes\n' "$memory"
aarch64-linux-gnu-size -A "$IMAGES/kaal.elf" | awk 'NR > 2 && $2 > 0 { printf "    %-14s %8d\n", $1, $2 }'

echo "guest instructions (qemu -icount shift=0,align=off,sleep=off; idle time subtracted):"
for machine in virt raspi3b; do
  if [[ $machine == virt ]]; then
    args=(-M virt -cpu cortex-a53 -kernel "$IMAGES/kaal.elf")
  else
    args=(-M raspi3b -kernel "$IMAGES/kernel8.img")
  fi
  line=$(timeout "$QEMU_LIMIT_SECONDS" qemu-system-aarch64 "${args[@]}" -nographic -nic none -semihosting -monitor none \
           -icount shift=0,align=off,sleep=off </dev/null | tr -d '\r' | grep '^kaal-figures:' || true)
  [[ -n "$line" ]] || { echo "  $machine: no kaal-figures line"; continue; }
  value() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$line"; }
  hz=$(value counter_hz); first_line=$(value first_line_counter); end=$(value end_counter); idle=$(value idle_counter)
  heap=$(value heap_used_bytes)
  printf '  %-8s reset -> first console line %9d   reset -> end of self-test %10d   (heap used %d bytes)\n' "$machine" \
    "$(( first_line * 1000000000 / hz ))" "$(( (end - idle) * 1000000000 / hz ))" "$heap"
done

"$ROOT/Kaal.Kernel.Arm64/scripts/bench.sh"
