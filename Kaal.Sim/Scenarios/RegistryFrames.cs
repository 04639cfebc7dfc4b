using System;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// What the AArch64 kernel does with the registry before the root task runs, done by the simulator's set-up: the
/// registry in frames of its own, one per page in consecutive slots from the first empty one, which the boot
/// description names. The root task then shares those frames with system_init as it does on the CPU (mapped
/// read-only, never copied). Like the kernel, the frames come from a RAM untyped other than the largest, from which
/// the root task retypes system_init's self-aligned process untyped.
/// </summary>
internal static class RegistryFrames
{
    public static async Task<Outcome<BootDescription>> PlaceAsync(Sys sys, BootDescription boot)
    {
        ulong untyped = SetupUntyped(boot);
        ulong first = (ulong)boot.FirstEmptySlot;
        byte[] registry = boot.Registry;
        for (int page = 0; page < boot.RegistryFrameCount; page++)
        {
            ulong frame = first + (ulong)page;
            int offset = page * (int)ArgsLayout.PageSizeBytes;
            Outcome step = await Step(sys.Syscall(Syscall.MemoryAllocate, untyped, ObjectSizes.PageBits, frame), "allocate a registry frame");
            if (!step.Failed) step = await Step(sys.Syscall(Syscall.MemoryMap, frame, ArgsLayout.ScratchVirtAddr, (ulong)(VmRights.Read | VmRights.Write)), "map a registry frame to fill it");
            if (step.Failed) return step.Failure;
            sys.WritePrivate(ArgsLayout.ScratchVirtAddr, registry.AsSpan(offset, Math.Min((int)ArgsLayout.PageSizeBytes, registry.Length - offset)));
            step = await Step(sys.Syscall(Syscall.MemoryUnmap, frame), "unmap a filled registry frame");
            if (step.Failed) return step.Failure;
        }
        return boot with { FirstEmptySlot = boot.FirstEmptySlot + boot.RegistryFrameCount, RegistryFirstFrameCptr = first };
    }

    private static async Task<Outcome> Step(Operation syscall, string what)
    {
        SyscallResult result = await syscall;
        return result.IsOk ? Outcome.Done : new Failure($"set-up: {what}: {result.Status}");
    }

    private static ulong SetupUntyped(BootDescription boot)
    {
        BootUntyped largest = default, second = default;
        foreach (BootUntyped untyped in boot.Untypeds)
        {
            if (untyped.IsDevice) continue;
            if (untyped.SizeBits > largest.SizeBits) (second, largest) = (largest, untyped);
            else if (untyped.SizeBits > second.SizeBits) second = untyped;
        }
        return second.SizeBits > 0 ? second.Cptr : largest.Cptr;
    }
}
