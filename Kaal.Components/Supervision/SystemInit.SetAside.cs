using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Supervision;

/// <summary>
/// Messages system_init receives while it reads from fs (docs/hot-reload.md, "Receiving during a read"). A read
/// receives on the supervision endpoint, so a fault of fs or of the timer service reaches it: waiting only on its
/// notification, it waited forever when both died during a read. A receive deletes an unused reply capability
/// (seL4 non-MCS), so the reloader's reply is saved first (<see cref="Sys.SaveCaller"/>, into
/// <see cref="_loaderReplySlot"/>), and every message received during the read is set aside with its reply saved
/// into one of <see cref="MaxSetAsideMessages"/> slots, then handled, oldest first, before the next receive. A
/// message from fs or the timer service ends the read at once (its answer or its deadline would never come).
/// </summary>
public sealed partial class SystemInit
{
    /// <summary>How many messages one read may set aside; one more ends the read, and that message waits in the
    /// caller slot, handled first, with no read started before it is.</summary>
    public const int MaxSetAsideMessages = 8;
    /// <summary>A set-aside message without a reply capability (it was not a Call).</summary>
    private const ulong NoReply = ulong.MaxValue;

    /// <summary>Holds the reloader's reply capability while its image is read (0: system_init does not read through fs).</summary>
    private ulong _loaderReplySlot;
    private readonly List<ulong> _freeReplySlots = new();
    /// <summary>Messages received during reads, oldest first, each with the slot holding its reply capability
    /// (0: still in the caller slot; <see cref="NoReply"/>: none).</summary>
    private readonly List<SetAsideMessage> _setAside = new();
    /// <summary>Where the reply to the message being handled is: 0 the caller slot, else a slot it was saved into.</summary>
    private ulong _replySlot;

    /// <summary>The slots for saved replies, taken once when system_init reads through fs.</summary>
    private Outcome ReserveReplySlots()
    {
        Outcome<ulong> loader = _own.TakeSlot("the reloader's reply during a read");
        if (loader.Failed) return loader.Failure;
        _loaderReplySlot = loader.Value;
        for (int index = 0; index < MaxSetAsideMessages; index++)
        {
            Outcome<ulong> slot = _own.TakeSlot("a reply set aside during a read");
            if (slot.Failed) return slot.Failure;
            _freeReplySlots.Add(slot.Value);
        }
        return Outcome.Done;
    }

    /// <summary>Answers the message being handled, wherever its reply capability is.</summary>
    private async Task ReplyAsync(ulong info)
    {
        if (_replySlot == NoReply) return;
        await (_replySlot == 0 ? Sys.Reply(info) : Sys.Send(_replySlot, info));
    }

    /// <summary>A read may start unless a message waits in the caller slot (the read's receive would delete its reply).</summary>
    private bool CallerSlotHolds() => _setAside.Count > 0 && _setAside[0].ReplySlot == 0;

    /// <summary>An endpoint message received during a read of <paramref name="path"/>: set aside with its reply
    /// saved. Fails with why the read must end (a message from fs or the timer service, or no slot left).</summary>
    private async Task<Outcome> SetAsideAsync(SyscallResult message, string path)
    {
        if (_freeReplySlots.Count == 0)
        {
            _setAside.Insert(0, new SetAsideMessage(message, 0));
            return new Failure($"{path}: system_init received more than {MaxSetAsideMessages} messages during the read; ask again");
        }
        ulong slot = _freeReplySlots[_freeReplySlots.Count - 1];
        SyscallResult saved = await Sys.SaveCaller(_own.CNodeCptr, slot, _own.Depth);
        if (saved.IsOk) _freeReplySlots.RemoveAt(_freeReplySlots.Count - 1);
        _setAside.Add(new SetAsideMessage(message, saved.IsOk ? slot : NoReply));
        Supervised? sender = (message.Badge & LoaderBadgeFlag) == 0 && message.Badge - 1 < (ulong)_components.Length ? _components[message.Badge - 1] : null;
        if (sender is null || MessageInfo.Label(message.Info) == Protocol.ReadyLabel) return Outcome.Done;
        if (sender == _fs) return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service failed during the read");
        if (sender == _timer) return new Failure($"{path}: the {TimerService} service failed during the read, which then has no deadline");
        return Outcome.Done;
    }

    /// <summary>Handles the messages set aside during reads, oldest first (a handler's own read may add more).</summary>
    private async Task HandleSetAsideAsync()
    {
        while (_setAside.Count > 0)
        {
            SetAsideMessage next = _setAside[0];
            _setAside.RemoveAt(0);
            _replySlot = next.ReplySlot;
            await HandleMessageAsync(next.Message);
            _replySlot = 0;
            await FreeReplySlotAsync(next.ReplySlot);
        }
    }

    private async Task FreeReplySlotAsync(ulong slot)
    {
        if (slot is 0 or NoReply) return;
        // Empty already unless the handler did not answer (a fault: the teardown deleted it with the thread).
        await Sys.Syscall(Syscall.CapDelete, _own.CNodeCptr, slot, _own.Depth);
        _freeReplySlots.Add(slot);
    }

    /// <summary>A component torn down no longer has messages to handle: those set aside go, with their slots.</summary>
    private async Task DropSetAsideOfAsync(Supervised component)
    {
        for (int index = _setAside.Count - 1; index >= 0; index--)
        {
            SetAsideMessage entry = _setAside[index];
            if ((entry.Message.Badge & LoaderBadgeFlag) != 0 || entry.Message.Badge != component.Badge) continue;
            _setAside.RemoveAt(index);
            await FreeReplySlotAsync(entry.ReplySlot);
        }
    }

    /// <summary>A message received during a read, and the slot holding its reply capability (0: still in the caller
    /// slot; <see cref="NoReply"/>: none).</summary>
    private sealed class SetAsideMessage(SyscallResult message, ulong replySlot)
    {
        public SyscallResult Message { get; } = message;
        public ulong ReplySlot { get; } = replySlot;
    }
}
