using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Tests;

/// <summary>test_cap: derivation masks rights and badges, and revoke removes what was derived.</summary>
public sealed class CapabilityTests : TestComponent
{
    private OwnCSpace _own = null!;
    private ulong _budget;
    private ulong _notification;

    protected override IReadOnlyList<(string Name, Func<Task<string?>> Run)> Tests => new (string, Func<Task<string?>>)[]
    {
        ("CAP_DERIVE_RIGHTS", DeriveMasksRights),
        ("CAP_MINT_BADGE", MintSetsBadge),
        ("CAP_REVOKE", RevokeRemovesDerived),
    };

    public override async Task InitAsync()
    {
        _own = OwnCSpace.Of(Context);
        _budget = Context.Require(ArgKind.Untyped, "memory:allocate").Cptr;
        _notification = _own.TakeSlot("test notification");
        await _own.Check(Sys.Syscall(Syscall.NotificationCreate, _budget, _notification), "create a notification");
    }

    private async Task<string?> DeriveMasksRights()
    {
        ulong writeOnly = await _own.DeriveAsync(_notification, CapRights.Write, 0, "write-only copy");
        SyscallResult wait = await Sys.Poll(writeOnly);
        await _own.DeleteAsync(writeOnly, "drop the copy");
        return Expect(wait.Status, KernelError.InvalidCapability, "Poll through a write-only copy");
    }

    private async Task<string?> MintSetsBadge()
    {
        ulong badged = await _own.DeriveAsync(_notification, CapRights.Write, 0x2A, "badged copy");
        await Sys.Signal(badged);
        SyscallResult poll = await Sys.Poll(_notification);
        await _own.DeleteAsync(badged, "drop the copy");
        return Expect(poll.Badge, 0x2AUL, "the polled word");
    }

    private async Task<string?> RevokeRemovesDerived()
    {
        ulong copy = await _own.DeriveAsync(_notification, CapRights.Write, 7, "copy to revoke");
        await _own.RevokeAsync(_notification, "revoke the original");
        SyscallResult signal = await Sys.Signal(copy);
        _own.Slots.Free(copy);
        return Expect(signal.Status, KernelError.InvalidCapability, "Signal through a revoked copy (its slot is empty)");
    }
}
