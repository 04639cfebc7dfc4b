using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Tests;

/// <summary>test_memory: a frame's capability rights bound its mappings; kernel addresses and double maps are refused.</summary>
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
        _own = OwnCSpace.Of(Context);
        _budget = Context.Require(ArgKind.Untyped, "memory:allocate").Cptr;
        return Task.CompletedTask;
    }

    private async Task<ulong> NewFrameAsync()
    {
        ulong frame = _own.TakeSlot("test frame");
        await _own.Check(Sys.Syscall(Syscall.MemoryAllocate, _budget, ObjectSizes.PageBits, frame), "allocate a frame");
        return frame;
    }

    private async Task<string?> RightsBoundMapping()
    {
        ulong readOnly = await _own.DeriveAsync(await NewFrameAsync(), CapRights.Read, 0, "read-only copy");
        SyscallResult map = await Sys.Syscall(Syscall.MemoryMap, readOnly, TestVirtAddr, (ulong)(VmRights.Read | VmRights.Write));
        return Expect(map.Status, KernelError.InvalidArgument, "mapping a read-only frame writable") ??
            Expect(map.Reason, ErrorReason.RightsWiderThanCap, "the reason");
    }

    private async Task<string?> KernelRangeRefused()
    {
        SyscallResult map = await Sys.Syscall(Syscall.MemoryMap, await NewFrameAsync(), 0xFFFF_0000_0000_0000, (ulong)VmRights.Read);
        return map.IsOk ? "mapping at a kernel address succeeded" : null;
    }

    private async Task<string?> MapReadWrite()
    {
        ulong frame = await NewFrameAsync();
        await _own.Check(Sys.Syscall(Syscall.MemoryMap, frame, TestVirtAddr + 0x1000, (ulong)(VmRights.Read | VmRights.Write)), "map read/write");
        await Sys.Store(TestVirtAddr + 0x1000, 0x1234);
        ulong value = (await Sys.Load(TestVirtAddr + 0x1000)).X1;
        return Expect(value, 0x1234UL, "the word read back");
    }
}
