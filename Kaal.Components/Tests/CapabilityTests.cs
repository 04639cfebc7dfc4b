using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Tests;

/// <summary>test_cap: derivation masks rights and badges, and revoke removes what was derived.</summary>
[KaalComponent("test_cap", ComponentType.Application, "1.0.0", Description = "sel4test-style: capability derive, mint, revoke",
    Expects = ["memory:allocate"])]
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
        if (!OwnCSpace.Open(Context, out _own) || !Context.Require(ArgKind.Untyped, "memory:allocate", out ArgEntry budget)) return;
        _budget = budget.Cptr;
        if (!Context.Succeeded(_own.TakeSlot("test notification"), out _notification)) return;
        Context.Succeeded(await _own.Check(Sys.Syscall(Syscall.NotificationCreate, _budget, _notification), "create a notification"));
    }

    private async Task<string?> DeriveMasksRights()
    {
        Outcome<ulong> writeOnly = await _own.DeriveAsync(_notification, CapRights.Write, 0, "write-only copy");
        if (writeOnly.Failed) return writeOnly.Failure.Message;
        SyscallResult wait = await Sys.Poll(writeOnly.Value);
        Outcome deleted = await _own.DeleteAsync(writeOnly.Value, "drop the copy");
        return deleted.Failed ? deleted.Failure.Message : Expect(wait.Status, KernelError.InvalidCapability, "Poll through a write-only copy");
    }

    private async Task<string?> MintSetsBadge()
    {
        Outcome<ulong> badged = await _own.DeriveAsync(_notification, CapRights.Write, 0x2A, "badged copy");
        if (badged.Failed) return badged.Failure.Message;
        await Sys.Signal(badged.Value);
        SyscallResult poll = await Sys.Poll(_notification);
        Outcome deleted = await _own.DeleteAsync(badged.Value, "drop the copy");
        return deleted.Failed ? deleted.Failure.Message : Expect(poll.Badge, 0x2AUL, "the polled word");
    }

    private async Task<string?> RevokeRemovesDerived()
    {
        Outcome<ulong> copy = await _own.DeriveAsync(_notification, CapRights.Write, 7, "copy to revoke");
        if (copy.Failed) return copy.Failure.Message;
        Outcome revoked = await _own.RevokeAsync(_notification, "revoke the original");
        if (revoked.Failed) return revoked.Failure.Message;
        SyscallResult signal = await Sys.Signal(copy.Value);
        _own.Slots.Free(copy.Value);
        return Expect(signal.Status, KernelError.InvalidCapability, "Signal through a revoked copy (its slot is empty)");
    }
}
