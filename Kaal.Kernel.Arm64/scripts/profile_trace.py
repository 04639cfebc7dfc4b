#!/usr/bin/env python3
"""Where the instructions of each kernel benchmark go, from a QEMU "-d in_asm,exec,nochain" log on stdin.

Usage: profile_trace.py KAAL_ELF   (scripts/profile.sh runs QEMU and pipes its log in)

in_asm gives each translation block's instructions, exec each execution of a block (nochain: every one is
logged). The benchmark loops of user_tests.S have named heads (bench_*_loop); the instructions executed
between the START-th and END-th time a loop head runs, divided by the iterations, are attributed to the
symbols of kaal.elf. The EL0 program runs at the user address of its image (linked at a kernel address),
the trampoline at its TTBR1 alias; both are mapped back to their symbols.
"""
import bisect
import collections
import re
import subprocess
import sys

USER_IMAGE_ADDRESS = 0x0040_0000          # UserTestLayout.ImageAddress
TRAMPOLINE_ADDRESS = 0xFFFF_FFFF_FFE0_0000  # Mmu.TrampolineVirtualAddress
START, END = 100, 200                     # iterations skipped (warm-up) and measured
LOOPS = {"bench_null_syscall_loop": "null syscall", "bench_round_trip_loop": "Call + ReplyRecv round trip",
         "bench_signal_loop": "signal to a higher-priority waiter (whole loop)", "bench_yield_loop": "yield (two per iteration)"}

symbols = []
for line in subprocess.run(["aarch64-linux-gnu-nm", "-n", sys.argv[1]], capture_output=True, text=True, check=True).stdout.splitlines():
    fields = line.split()
    if len(fields) == 3 and fields[1] in "tTwW":
        symbols.append((int(fields[0], 16), fields[2]))
addresses = [address for address, _ in symbols]
by_name = {name: address for address, name in symbols}
user_image = by_name["__kaal_user_image_start"]
trampoline = by_name["__kaal_trampoline_start"]
loop_heads = {by_name[name] - user_image + USER_IMAGE_ADDRESS: title for name, title in LOOPS.items()}


def symbol_of(pc):
    if pc >= TRAMPOLINE_ADDRESS:
        pc = pc - TRAMPOLINE_ADDRESS + trampoline
    elif pc < user_image:
        pc = pc - USER_IMAGE_ADDRESS + user_image
    index = bisect.bisect_right(addresses, pc) - 1
    return symbols[index][1] if index >= 0 else hex(pc)


def share(name):
    if "Kaal_Model_" in name:
        return "Model"
    if name == "kaal_user_fast_poll":
        # The export is Kernel.TryFastPoll inlined (Boot/UserEntry.cs OnFastPoll).
        return "Model inlined into kaal_user_fast_poll"
    if name == "kaal_user_fast_syscall":
        # The port's export with the Model's TryFastSyscall (and FastWait) inlined: a few instructions of it are the port's.
        return "Model inlined into kaal_user_fast_syscall"
    if by_name.get(name, 0) >= user_image and by_name.get(name, 0) < by_name["__kaal_user_image_end"]:
        return "user code"
    return "port (entry, exit, resume)"


blocks = {}
translating = None
counts = {title: collections.Counter() for title in LOOPS.values()}
seen = collections.Counter()
active = None
for line in sys.stdin:
    if line.startswith("0x"):
        if translating is not None:
            translating.append(int(line.split(":")[0], 16))
    elif line.startswith("IN:"):
        translating = []
    elif line.startswith("Trace"):
        if translating:
            blocks[translating[0]] = translating
        translating = None
        pc = int(re.search(r"\[[0-9a-f]+/([0-9a-f]+)/", line).group(1), 16)
        if pc in loop_heads:
            title = loop_heads[pc]
            seen[title] += 1
            if seen[title] == START:
                active = title
            elif seen[title] == END and active == title:
                active = None
        if active:
            for instruction in blocks.get(pc, [pc]):
                counts[active][symbol_of(instruction)] += 1

iterations = END - START
for title, counter in counts.items():
    if not counter:
        print(f"== {title}: not reached")
        continue
    print(f"== {title}: {sum(counter.values()) / iterations:.1f} instructions per iteration")
    shares = collections.Counter()
    for name, count in counter.items():
        shares[share(name)] += count
    print("   " + ", ".join(f"{name} {count / iterations:.1f}" for name, count in shares.most_common()))
    for name, count in counter.most_common(25):
        print(f"   {count / iterations:8.1f}  {name.replace('Kaal_Kernel_Arm64_', '')}")
