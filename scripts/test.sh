#!/usr/bin/env bash
# KaaL for .NET: the single test command. Sets up a fresh Debian 12 machine (idempotently; fast when already
# set up), restores, builds Kaal.sln (warnings are errors), runs every test project in the solution, and totals
# the results from the TRX files. The last line of output is always `N passed, N failed, N skipped`.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/test.sh [--filter EXPR] [--configuration Debug|Release] [--no-setup] [--help]

Sets up the machine, builds Kaal.sln and runs every test project in it.
  1. Debian packages qemu-system-arm, lld, clang, binutils-aarch64-linux-gnu, chromium (headless, for the
     timeline page tests): installed with apt-get, without recommended packages, only if dpkg-query says
     they are missing (as root, or through sudo otherwise). QEMU must be 10.0 or newer (raspi4b): on
     Debian 12 (bookworm) it comes from bookworm-backports, added as an apt source on the mirror the
     machine's own Debian sources name, if no source has that suite yet.
  2. dotnet restore Kaal.sln
  3. dotnet build Kaal.sln (TreatWarningsAsErrors comes from Directory.Build.props); on failure the
     compiler errors are printed and the build counts as 1 failed.
  4. dotnet test for each project of the solution whose IsTestProject is true, a TRX file per project
     under artifacts/test-results/<Project>/.
  5. A per-project summary, then one last line: `N passed, N failed, N skipped`.
Exit status: 0 only if the build succeeded, no test failed, every test run completed, and at least one
test ran.

Options:
  --filter EXPR         passed to `dotnet test --filter` (e.g. "FullyQualifiedName~PortableSubset")
  -c, --configuration C build configuration (default: Debug)
  --no-setup            skip the Debian package step (for machines you do not administer)
  -h, --help            this text
EOF
}

FILTER=""
CONFIG="Debug"
SETUP=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || { echo "error: --filter needs an expression" >&2; exit 2; }; FILTER="$2"; shift 2 ;;
    --filter=*) FILTER="${1#--filter=}"; shift ;;
    -c|--configuration) [[ $# -ge 2 ]] || { echo "error: $1 needs a value" >&2; exit 2; }; CONFIG="$2"; shift 2 ;;
    --configuration=*) CONFIG="${1#--configuration=}"; shift ;;
    --no-setup) SETUP=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SLN="Kaal.sln"
RESULTS="$ROOT/artifacts/test-results"
# The packages, deliberately without their recommends (--no-install-recommends below): what the build and the
# tests use is qemu-system-aarch64 (qemu-system-arm), ld.lld, clang (the kernel's assembly), the aarch64
# binutils (objcopy, readelf, size) and a headless chromium. Recommends would add ipxe-qemu's option ROMs,
# GUI and audio libraries and more; nothing here may depend on them, because a user's machine set up some
# other way may lack them too. Every QEMU command line the project writes or documents therefore has
# `-nic none` (virt's default virtio NIC is the only device that needs a ROM, efi-virtio.rom from ipxe-qemu),
# and FirmwareFreeBootTests boots virt and raspi3b with QEMU unable to find any firmware file.
PACKAGES=(qemu-system-arm lld clang binutils-aarch64-linux-gnu chromium)
# QEMU 10 is the first with -M raspi4b; every target runs on it. Debian 12 ships 7.2, bookworm-backports 10.0.
QEMU_PACKAGE=qemu-system-arm
QEMU_MIN_VERSION=1:10.0
BACKPORTS_SOURCE=/etc/apt/sources.list.d/kaal-bookworm-backports.sources

# Quiet, non-interactive dotnet (CI runs us with no stdin and no terminal).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false MSBUILDTERMINALLOGGER=off
if [[ "${CI:-}" == "true" ]]; then
  # No MSBuild worker nodes left running after the build: they would keep CI's output pipe open.
  export MSBUILDDISABLENODEREUSE=1
fi

STEP_COUNT=5
step() { echo "==> [$1/$STEP_COUNT] $2"; }
info() { echo "    $*"; }

# The closing line; everything exits through here.
finish() {
  local passed=$1 failed=$2 skipped=$3 status=$4
  echo "$passed passed, $failed failed, $skipped skipped"
  exit "$status"
}

# Prints the error lines of an MSBuild/NuGet log (deduplicated, in order), or its tail if it has none.
print_errors() {
  local log=$1
  local errors
  # "x.cs(1,2): error CS0103: ...", "error MSB3073: ...", "error NU1603: ...", "ld.lld: error: ...", "clang: error: ..."
  errors=$(grep -E '(^|[^A-Za-z])(fatal )?error( [A-Z]+[0-9]+)? ?:' "$log" | awk '!seen[$0]++' || true)
  if [[ -n "$errors" ]]; then
    echo "$errors" | sed 's/^/    /'
  else
    tail -n 40 "$log" | sed 's/^/    /'
  fi
  info "(full log: ${log#"$ROOT"/})"
}

# Whether the installed QEMU package is at least QEMU_MIN_VERSION.
qemu_new_enough() {
  local version
  version=$(dpkg-query -W -f='${Version}' "$QEMU_PACKAGE" 2>/dev/null || true)
  [[ -n "$version" ]] && dpkg --compare-versions "$version" ge "$QEMU_MIN_VERSION"
}

# The first URI of the machine's own apt sources that serves the suite bookworm (deb822 .sources files,
# then one-line sources.list files), so the backports suite comes from the mirror the machine already
# trusts; no host name is written here. Prints "URI SIGNED-BY" (SIGNED-BY may be empty).
debian_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] || continue
    awk '
      function flush() { if (suite && uri != "" && !done) { print uri, signed; done = 1 } suite = 0; uri = ""; signed = "" }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      tolower($1) == "uris:"      { uri = $2 }
      tolower($1) == "signed-by:" { signed = $2 }
      tolower($1) == "suites:"    { for (i = 2; i <= NF; i++) if ($i == "bookworm") suite = 1 }
      END { flush() }' "$file"
  done | head -n 1 | grep . && return 0
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$file" ]] || continue
    # deb [options] URI bookworm components...
    sed -n 's/^[ \t]*deb[ \t]\+\(\[[^]]*\][ \t]\+\)\?\([^ \t]\+\)[ \t]\+bookworm[ \t].*/\2 /p' "$file"
  done | head -n 1 | grep .
}

# Whether any apt source already names the suite bookworm-backports.
backports_configured() {
  grep -qsE '(^|[[:space:]])bookworm-backports([[:space:]]|$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    /etc/apt/sources.list.d/*.sources
}

# ---------------------------------------------------------------------------------------------------------
step 1 "Debian packages: ${PACKAGES[*]}"
if [[ $SETUP -eq 0 ]]; then
  info "skipped (--no-setup)"
elif ! command -v dpkg-query >/dev/null 2>&1; then
  info "dpkg-query not found: not a Debian-like system, skipping package installation"
else
  missing=()
  for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    [[ "$status" == ii* ]] || missing+=("$pkg")
  done
  # An installed QEMU older than 10 is as good as missing (it has no raspi4b).
  if [[ ! " ${missing[*]} " == *" $QEMU_PACKAGE "* ]] && ! qemu_new_enough; then
    missing+=("$QEMU_PACKAGE")
  fi
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  if [[ ${#missing[@]} -eq 0 ]]; then
    info "all present"
  else
    info "missing: ${missing[*]}"
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
      if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
      else
        echo "error: not root and sudo is not available; as root run: apt-get install ${missing[*]}"
        finish 0 1 0 1
      fi
    fi
    # Wait for a concurrent apt/dpkg (unattended upgrades, another setup) instead of failing.
    APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
    BACKPORTS=()
    if [[ " ${missing[*]} " == *" $QEMU_PACKAGE "* && "$codename" == bookworm ]]; then
      BACKPORTS=(-t bookworm-backports)
      if ! backports_configured; then
        if ! read -r mirror signed_by < <(debian_mirror); then
          echo "error: no apt source of this machine serves the suite bookworm, so the mirror for bookworm-backports"
          echo "       (QEMU 10) is unknown: add a source for bookworm-backports and run this again"
          finish 0 1 0 1
        fi
        info "adding bookworm-backports on $mirror (QEMU $QEMU_MIN_VERSION or newer): $BACKPORTS_SOURCE"
        {
          printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\n' "$mirror"
          [[ -z "$signed_by" ]] || printf 'Signed-By: %s\n' "$signed_by"
        } | "${SUDO[@]}" tee "$BACKPORTS_SOURCE" >/dev/null
      fi
    fi
    info "apt-get update"
    apt_log=$(mktemp)
    if ! "${APT[@]}" update >"$apt_log" 2>&1; then
      cat "$apt_log"; rm -f "$apt_log"
      echo "error: apt-get update failed"
      finish 0 1 0 1
    fi
    rm -f "$apt_log"
    info "apt-get install ${BACKPORTS[*]} ${missing[*]}"
    # -t bookworm-backports prefers that suite for these packages and what they need from it (QEMU's
    # qemu-system-common and -data), and nothing else of the machine.
    if ! "${APT[@]}" install -y --no-install-recommends "${BACKPORTS[@]}" "${missing[@]}"; then
      echo "error: apt-get install failed"
      finish 0 1 0 1
    fi
    for pkg in "${missing[@]}"; do
      status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
      [[ "$status" == ii* ]] || { echo "error: $pkg is still not installed"; finish 0 1 0 1; }
    done
    if ! qemu_new_enough; then
      echo "error: $QEMU_PACKAGE $(dpkg-query -W -f='${Version}' "$QEMU_PACKAGE") is older than $QEMU_MIN_VERSION (raspi4b needs QEMU 10)"
      finish 0 1 0 1
    fi
    info "installed"
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet, 10.0) is not on PATH"
  finish 0 1 0 1
fi

mkdir -p "$RESULTS"

# ---------------------------------------------------------------------------------------------------------
step 2 "dotnet restore $SLN"
set +e
dotnet restore "$SLN" -nologo >"$RESULTS/restore.log" 2>&1
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  echo "error: restore failed (exit $rc):"
  print_errors "$RESULTS/restore.log"
  finish 0 1 0 1
fi
info "ok"

# ---------------------------------------------------------------------------------------------------------
step 3 "dotnet build $SLN -c $CONFIG (warnings are errors)"
set +e
dotnet build "$SLN" --no-restore -c "$CONFIG" -nologo >"$RESULTS/build.log" 2>&1
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  echo "error: build failed (exit $rc); no tests were run. Errors:"
  print_errors "$RESULTS/build.log"
  finish 0 1 0 1
fi
warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$RESULTS/build.log" | awk '!seen[$0]++' || true)
if [[ -z "$warnings" ]]; then
  info "ok, no warnings"
else
  info "ok, but with warnings (not promoted to errors):"
  echo "$warnings" | sed 's/^/    /'
fi

# ---------------------------------------------------------------------------------------------------------
step 4 "dotnet test: every test project in $SLN${FILTER:+ (filter: $FILTER)}"
projects=()
while IFS= read -r line; do
  line="${line%$'\r'}"
  [[ "$line" =~ \.(cs|fs|vb)proj$ ]] && projects+=("${line//\\//}")
done < <(dotnet sln "$SLN" list)
test_projects=()
for proj in "${projects[@]}"; do
  is_test=$(dotnet msbuild "$proj" -nologo -getProperty:IsTestProject -p:Configuration="$CONFIG" 2>/dev/null | tr -d '[:space:]' || true)
  if [[ "$is_test" == "true" ]]; then test_projects+=("$proj"); fi
done
if [[ ${#test_projects[@]} -eq 0 ]]; then
  echo "error: no test projects (IsTestProject=true) in $SLN"
  finish 0 1 0 1
fi
info "${#test_projects[@]} test project(s): ${test_projects[*]}"

# Counts the UnitTestResult outcomes of TRX files: prints "passed failed skipped".
count_trx() {
  local f
  for f in "$@"; do
    tr '\r\n' '  ' <"$f" | grep -o '<UnitTestResult [^>]*>' | sed -n 's/.* outcome="\([^"]*\)".*/\1/p' || true
  done | awk '
    $0 == "Passed" || $0 == "PassedButRunAborted"                       { p++; next }
    $0 == "NotExecuted" || $0 == "Inconclusive" || $0 == "NotRunnable" || $0 == "Pending" { s++; next }
    NF > 0                                                               { f++ }   # Failed, Error, Timeout, Aborted, anything unknown
    END { printf "%d %d %d\n", p, f, s }'
}

total_passed=0; total_failed=0; total_skipped=0
summary=()
for proj in "${test_projects[@]}"; do
  name=$(basename "$proj"); name="${name%.*}"
  dir="$RESULTS/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  echo "--- $name"
  args=(test "$proj" --no-build --no-restore -c "$CONFIG" --results-directory "$dir" --logger "trx;LogFilePrefix=$name")
  [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")
  start=$SECONDS
  set +e
  dotnet "${args[@]}" 2>&1 | tee "$dir/console.log" | sed 's/^/    /'
  rc=${PIPESTATUS[0]}
  set -e
  secs=$((SECONDS - start))
  shopt -s nullglob
  trx=("$dir"/*.trx)
  shopt -u nullglob
  if [[ ${#trx[@]} -gt 0 ]]; then
    read -r p f s < <(count_trx "${trx[@]}")
  else
    p=0; f=0; s=0
  fi
  note=""
  if [[ $rc -ne 0 && $f -eq 0 ]]; then
    # The run itself failed (test host crash, abort, bad filter...) without a failed test to show for it.
    f=1
    note="  test run failed (exit $rc) with no failed test in the TRX: see ${dir#"$ROOT"/}/console.log"
  elif [[ ${#trx[@]} -eq 0 ]]; then
    note="  no TRX file written"
  fi
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f)); total_skipped=$((total_skipped + s))
  summary+=("$(printf '  %-40s %5d passed %5d failed %5d skipped  %4ds%s' "$name" "$p" "$f" "$s" "$secs" "$note")")
done

# ---------------------------------------------------------------------------------------------------------
step 5 "summary (TRX files in ${RESULTS#"$ROOT"/}/)"
printf '%s\n' "${summary[@]}"
status=0
if [[ $total_failed -gt 0 ]]; then
  status=1
elif [[ $((total_passed + total_failed + total_skipped)) -eq 0 ]]; then
  echo "error: no tests ran${FILTER:+ (does the filter match anything?)}"
  status=1
fi
finish "$total_passed" "$total_failed" "$total_skipped" "$status"
