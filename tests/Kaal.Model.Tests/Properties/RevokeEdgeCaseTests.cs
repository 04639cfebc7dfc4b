using System.Collections.Generic;
using Xunit;

namespace Kaal.Model.Tests.Properties;

/// <summary>
/// The revoke corner random sequences rarely reach: revoking a capability whose only descendant is the last
/// capability to the CNode that holds the revoked capability itself. Destroying that CNode deletes the
/// revoked capability too (and the Untyped dies with it); both implementations must agree and the Model's
/// invariants must hold.
/// </summary>
public sealed class RevokeEdgeCaseTests
{
    [Fact]
    public void Revoke_that_destroys_the_CNode_holding_the_revoked_cap()
    {
        var ops = new List<Op>
        {
            // A guard-free capability to the root CNode in root[40], so nested slots can be named.
            new MintOp(Addr.RootSlotOf(40), Addr.RootSlotOf(2), CapRights.All, CapData.CNodeGuard(0, 0)),
            // A radix-2 CNode from the 512 KiB Untyped in root[24], into root[32].
            new RetypeOp(24, ObjectType.CNode, 2, new Addr(Addr.BootRoot, 0, 0), 32, 1),
            // Move the Untyped into that CNode's slot 1: 6 bits of root index, 2 of CNode index.
            new MoveOp(new Addr(40, (32UL << 2) | 1, 8), Addr.RootSlotOf(24)),
            new RevokeOp(new Addr(40, (32UL << 2) | 1, 8)),
            new LookupOp(new Addr(40, (32UL << 2) | 1, 8)),
            new RetypeOp(24, ObjectType.Endpoint, 0, new Addr(Addr.BootRoot, 0, 0), 33, 1),
        };
        var coverage = new Coverage();
        Harness.Run(new OpSequence(ops), coverage, new RevokeRemovesExactlyDescendants(coverage), new LastCapDestroysAndMemoryReuse(coverage));
        Assert.Equal(1, coverage["revoke: destroyed the revoked capability's own CNode"]);
        Assert.Equal(0, coverage["unspecified-order revoke (comparison stopped)"]);
        Assert.Equal(1, coverage["Lookup FailedLookup"]);
        Assert.Equal(1, coverage["Retype InvalidCapability"]);
    }
}
