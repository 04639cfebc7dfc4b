using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// How a component is stopped for a replacement (docs/hot-reload.md). system_init asks by signalling the notifications
/// the component's channel ends wait on with <see cref="Protocol.StopRequestBadge"/>. A blocking wait of the SDK that
/// wakes with that bit, or an explicit <see cref="ComponentContext.QuiescentPointAsync"/>, is a quiescent point: the
/// component's <see cref="Component.SaveState"/> is taken and handed to system_init, which tears the component down and
/// starts the successor with that state (or answers, withdrawing a stop request left over from an earlier replacement). A component that blocks elsewhere (on an endpoint, a
/// console write) is stopped at its next quiescent point or killed at the stop deadline.
/// </summary>
public sealed class Quiescence(Sys sys, ulong supervisorCptr, ulong statePageVirtAddr)
{
    private readonly List<ulong> _waitCptrs = new();

    /// <summary>Set by <see cref="ComponentRuntime"/>: the component's own hook.</summary>
    internal System.Func<HandedState> Save { get; set; } = () => HandedState.None;

    /// <summary>A channel end's wait notification, where a stop request arrives.</summary>
    internal void Watch(ulong waitCptr) => _waitCptrs.Add(waitCptr);

    /// <summary>Whether a wait's notification word carries a stop request (only with a supervisor to hand over to).</summary>
    internal bool IsStopRequest(ulong notificationWord) => supervisorCptr != 0 && (notificationWord & Protocol.StopRequestBadge) != 0;

    /// <summary>Hands the state to system_init, which tears the component down: this returns only when system_init
    /// answers instead, because the stop request was left over from a replacement that is no longer under way (the
    /// component goes on).</summary>
    /// <summary>The state goes into the state page (<see cref="StatePage"/>; without one, a component nobody may replace,
    /// only its version and length travel, and system_init refuses a non-empty blob); the message says what is there.</summary>
    internal async Task HandOverAsync()
    {
        HandedState state = Save();
        if (statePageVirtAddr != 0)
        {
            var page = new byte[StatePage.WrittenBytes(state)];
            StatePage.Write(page, state);
            sys.WritePrivate(statePageVirtAddr, page);
        }
        await sys.Call(supervisorCptr, MessageInfo.Make(Protocol.QuiescedLabel, 3, 0, 0), state.Version, (ulong)state.Bytes.Length, StatePage.Checksum(state.Bytes));
    }

    /// <summary>Polls each channel notification: a stop request hands over. Other bits polled away are harmless: every
    /// channel operation looks at the ring before it waits.</summary>
    internal async Task CheckAsync()
    {
        foreach (ulong waitCptr in _waitCptrs)
        {
            if (IsStopRequest((await sys.Poll(waitCptr)).Badge)) await HandOverAsync();
        }
    }
}
