#!/usr/bin/env bash
# The host benchmarks and code figures in one run (issue 18's figures; docs/architecture.md, "Figures"): builds kaal in
# Release for a checkout, then prints the machine's load, the code figures (largest function and type,
# scripts/code-figures.cs), `kaal bench model` and `kaal bench sim`, in that order, from that checkout's root.
# Usage: scripts/bench.sh [--tree DIR] [--schedules N] [--iterations N]
#   --tree DIR      the checkout to measure (default: this one), e.g. a worktree of an older commit for a before/after
#                   pair: run both back to back on the same machine and compare the load lines
#   --schedules N   kaal bench sim's schedules per throughput run (default: kaal's)
#   --iterations N  kaal bench model's round trips per timed round (default: kaal's)
# The kernel's benchmarks in guest instructions are Kaal.Kernel.Arm64/scripts/bench.sh (QEMU).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TREE="$HERE"
SIM_ARGS=()
MODEL_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tree) TREE="$(cd "${2:?--tree needs a folder}" && pwd)"; shift 2 ;;
    --schedules) SIM_ARGS+=(--schedules "${2:?--schedules needs a number}"); shift 2 ;;
    --iterations) MODEL_ARGS+=(--iterations "${2:?--iterations needs a number}"); shift 2 ;;
    *) echo "error: unknown argument '$1' (usage: scripts/bench.sh [--tree DIR] [--schedules N] [--iterations N])" >&2; exit 2 ;;
  esac
done
[[ -f "$TREE/Kaal.sln" ]] || { echo "error: $TREE is not a KaaL checkout (no Kaal.sln)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
dotnet build "$TREE/Kaal.Cli/Kaal.Cli.csproj" -c Release --disable-build-servers -nologo -v:q >"$LOG" 2>&1 \
  || { cat "$LOG" >&2; echo "error: Release build of $TREE/Kaal.Cli failed" >&2; exit 1; }
KAAL=("dotnet" "$TREE/Kaal.Cli/bin/Release/net10.0/kaal.dll")

echo "== $TREE at $(git -C "$TREE" rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(uptime | sed 's/.*load average/load average/'), $(nproc) cores"
dotnet run "$HERE/scripts/code-figures.cs" -- "$TREE"
cd "$TREE"
echo "== kaal bench model ${MODEL_ARGS[*]}"
"${KAAL[@]}" bench model "${MODEL_ARGS[@]}"
echo "== kaal bench sim ${SIM_ARGS[*]}"
"${KAAL[@]}" bench sim "${SIM_ARGS[@]}"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
