using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Tests;

/// <summary>test_memory: a frame's capability rights bound its mappings; kernel addresses and double maps are refused.</summary>
[KaalComponent("test_memory", ComponentType.Application, "1.0.0", Description = "sel4test-style: mapping rights and ranges",
    Expects = ["memory:allocate"])]
public sealed class MemoryTests : TestComponent
{
    private const ulong TestVirtAddr = 0x4400_0000;

    private OwnCSpace _own = null!;
    private ulong _budget;

    protected override IReadOnlyList<(string Name, Func<Task<string?>> Run)> Tests => new (string, Func<Task<string?>>)[]
    {
        ("MEM_RIGHTS_BOUND_MAPPING", RightsBoundMapping),
        ("MEM_KERNEL_RANGE_REFUSED", KernelRangeRefused),
        ("MEM_MAP_READ_WRITE", MapReadWrite),
    };

    public override Task InitAsync()
    {
        if (OwnCSpace.Open(Context, out _own) && Context.Require(ArgKind.Untyped, "memory:allocate", out ArgEntry budget)) _budget = budget.Cptr;
        return Task.CompletedTask;
    }

    private async Task<Outcome<ulong>> NewFrameAsync()
    {
        Outcome<ulong> frame = _own.TakeSlot("test frame");
        if (frame.Failed) return frame;
        Outcome allocated = await _own.Check(Sys.Syscall(Syscall.MemoryAllocate, _budget, ObjectSizes.PageBits, frame.Value), "allocate a frame");
        return allocated.Failed ? allocated.Failure : frame;
    }

    private async Task<string?> RightsBoundMapping()
    {
        Outcome<ulong> frame = await NewFrameAsync();
        if (frame.Failed) return frame.Failure.Message;
        Outcome<ulong> readOnly = await _own.DeriveAsync(frame.Value, CapRights.Read, 0, "read-only copy");
        if (readOnly.Failed) return readOnly.Failure.Message;
        SyscallResult map = await Sys.Syscall(Syscall.MemoryMap, readOnly.Value, TestVirtAddr, (ulong)(VmRights.Read | VmRights.Write));
        return Expect(map.Status, KernelError.InvalidArgument, "mapping a read-only frame writable") ??
            Expect(map.Reason, ErrorReason.RightsWiderThanCap, "the reason");
    }

    private async Task<string?> KernelRangeRefused()
    {
        Outcome<ulong> frame = await NewFrameAsync();
        if (frame.Failed) return frame.Failure.Message;
        SyscallResult map = await Sys.Syscall(Syscall.MemoryMap, frame.Value, 0xFFFF_0000_0000_0000, (ulong)VmRights.Read);
        return map.IsOk ? "mapping at a kernel address succeeded" : null;
    }

    private async Task<string?> MapReadWrite()
    {
        Outcome<ulong> frame = await NewFrameAsync();
        if (frame.Failed) return frame.Failure.Message;
        Outcome mapped = await _own.Check(Sys.Syscall(Syscall.MemoryMap, frame.Value, TestVirtAddr + 0x1000, (ulong)(VmRights.Read | VmRights.Write)), "map read/write");
        if (mapped.Failed) return mapped.Failure.Message;
        await Sys.Store(TestVirtAddr + 0x1000, 0x1234);
        ulong value = (await Sys.Load(TestVirtAddr + 0x1000)).X1;
        return Expect(value, 0x1234UL, "the word read back");
    }
}
