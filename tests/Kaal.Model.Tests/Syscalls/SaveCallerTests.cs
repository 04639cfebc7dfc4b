using Xunit;
using static Kaal.Model.Tests.Syscalls.ReplyCapabilityTests;
using static Kaal.Model.Tests.Syscalls.SyscallRig;

namespace Kaal.Model.Tests.Syscalls;

/// <summary>
/// CAP_SAVE_CALLER, seL4's CNode_SaveCaller (Kaal.Model/Objects/ReplySaveCaller.cs; invokeCNodeSaveCaller in
/// src/object/cnode.c, doReplyTransfer through a cap_reply_cap in src/kernel/thread.c): a server keeps a caller's
/// reply capability in a slot of its CSpace, receives other messages, and answers the caller later with a Send on
/// that slot. Without it a Recv deletes the unused reply capability (seL4 deleteCallerCap), and system_init could not
/// receive a fault while it read an image for a reloader waiting on its reply (docs/hot-reload.md).
/// </summary>
public sealed class SaveCallerTests
{
    private const ulong Saved = F + 20;
    private static readonly ulong OneWord = MessageInfo.Make(0, 1, 0, 0);

    /// <summary>The saved capability keeps its place under the caller's master, survives the server's next Recv, and a
    /// Send on it answers the caller once and empties the slot.</summary>
    [Fact]
    public void A_saved_reply_capability_survives_a_Recv_and_answers_the_caller_once()
    {
        var r = RigWithEndpoint();
        uint caller = ServerCalledBy(r, F + 10);
        r.Ok(Syscall.CapSaveCaller, Root, Saved, D);
        Assert.Equal(ThreadEntry.None, r.K.CallerOf(r.RootThread));
        Capability saved = r.Cap(Saved);
        Assert.Equal(CapType.Reply, saved.Type);
        Assert.Equal(caller, (uint)saved.Data);
        Assert.Equal(r.K.RootSlot((uint)Saved), MasterSlot(r, caller).FirstChild);

        r.Sys(Syscall.NBRecv, Endpoint);
        Assert.Equal(CapType.Reply, r.Cap(Saved).Type);
        Assert.Equal(ThreadState.BlockedOnReply, r.State(caller));

        r.Ok(Syscall.Send, Saved, OneWord, 333);
        Assert.Equal(ThreadState.Ready, r.State(caller));
        Assert.Equal(0UL, r.Reg(caller, 0));
        Assert.Equal(333UL, r.Reg(caller, 3));
        Assert.True(r.Cap(Saved).IsNull);
        Assert.Equal(CapSlot.None, MasterSlot(r, caller).FirstChild);
    }

    /// <summary>With no reply capability in the caller slot there is nothing to save: KaaL refuses (seL4 only warns),
    /// and nothing changes.</summary>
    [Fact]
    public void Saving_with_an_empty_caller_slot_is_refused()
    {
        var r = RigWithEndpoint();
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.NoCallerToSave), Syscall.CapSaveCaller, Root, Saved, D);
    }

    /// <summary>seL4 ensureEmptySlot comes first: an occupied destination is refused even with a caller to save, and
    /// the reply capability stays where it was.</summary>
    [Fact]
    public void Saving_into_an_occupied_slot_is_refused()
    {
        var r = RigWithEndpoint();
        uint caller = ServerCalledBy(r, F + 10);
        r.Fails(new Err(KernelError.DeleteFirst, ErrorReason.DestinationSlotOccupied), Syscall.CapSaveCaller, Root, Endpoint, D);
        Assert.Equal(caller, r.K.CallerOf(r.RootThread));
    }

    /// <summary>The saved capability is still the caller's master's child, so destroying the caller (cancelIPC) deletes
    /// it, and a later Send on the slot finds no reply capability.</summary>
    [Fact]
    public void Destroying_the_caller_deletes_the_saved_reply_capability()
    {
        var r = RigWithEndpoint();
        ServerCalledBy(r, F + 10);
        r.Ok(Syscall.CapSaveCaller, Root, Saved, D);
        r.Ok(Syscall.CapDelete, Root, F + 10, D);
        Assert.True(r.Cap(Saved).IsNull);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.NullCapability), Syscall.Send, Saved, OneWord, 333);
    }

    /// <summary>Call on a saved reply capability is not a reply (seL4 would answer and then reply to the server from the
    /// kernel); KaaL refuses it as a wrong capability type and the capability stays.</summary>
    [Fact]
    public void A_Call_on_a_saved_reply_capability_is_refused()
    {
        var r = RigWithEndpoint();
        ServerCalledBy(r, F + 10);
        r.Ok(Syscall.CapSaveCaller, Root, Saved, D);
        r.Fails(new Err(KernelError.InvalidCapability, ErrorReason.WrongCapabilityType), Syscall.Call, Saved, OneWord, 333);
    }
}
