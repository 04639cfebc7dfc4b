using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

/// <summary>
/// Connections by name (`ipc:NAME:ROLE`): the first component that names a connection makes system_init create
/// its objects from its own memory (an endpoint for server/client; a ring frame and two notifications for a
/// channel), and every end after that gets capabilities to the same objects. system_init keeps the originals,
/// so a connection outlives the restart of either end: a restarted consumer finds the items still in the ring.
/// Components never see a slot number: their arguments page names each end.
/// </summary>
public sealed class NameService(OwnCSpace own, ulong poolUntyped)
{
    private readonly SortedDictionary<string, ulong> _endpoints = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, ChannelObjects> _channels = new(System.StringComparer.Ordinal);

    public sealed record ChannelObjects(ulong Frame, ulong ItemsReady, ulong SpaceFree, int Index);

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome<ulong>> EndpointAsync(string name)
    {
        if (_endpoints.TryGetValue(name, out ulong existing)) return existing;
        Outcome<ulong> endpoint = await CreateAsync(Syscall.EndpointCreate, $"endpoint '{name}'", $"create endpoint '{name}'");
        if (endpoint.Failed) return endpoint;
        _endpoints.Add(name, endpoint.Value);
        own.Sys.Name(endpoint.Value, name);
        return endpoint;
    }

    /// <summary>The channel's objects. When one cannot be made, those made before it stay in system_init's slots and
    /// memory until shutdown (a retry makes all three again).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    public async ValueTask<Outcome<ChannelObjects>> ChannelAsync(string name)
    {
        if (_channels.TryGetValue(name, out ChannelObjects? existing)) return existing;
        Outcome<ulong> frame = await CreateAsync(Syscall.MemoryAllocate, $"channel '{name}' ring", $"channel '{name}': allocate the ring", ObjectSizes.PageBits);
        if (frame.Failed) return frame.Failure;
        Outcome<ulong> itemsReady = await CreateAsync(Syscall.NotificationCreate, $"channel '{name}' items-ready", $"channel '{name}': create items-ready");
        if (itemsReady.Failed) return itemsReady.Failure;
        Outcome<ulong> spaceFree = await CreateAsync(Syscall.NotificationCreate, $"channel '{name}' space-free", $"channel '{name}': create space-free");
        if (spaceFree.Failed) return spaceFree.Failure;
        own.Sys.Name(frame.Value, name, "ring");
        own.Sys.Name(itemsReady.Value, name, "items-ready");
        own.Sys.Name(spaceFree.Value, name, "space-free");
        var objects = new ChannelObjects(frame.Value, itemsReady.Value, spaceFree.Value, _channels.Count);
        _channels.Add(name, objects);
        return objects;
    }

    /// <summary>An object made from the pool by <paramref name="create"/> (its size bits first when it takes one) in a
    /// fresh slot; the slot is given back when the kernel refused (it stayed empty).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<ulong>> CreateAsync(Syscall create, string slotPurpose, string step, int sizeBits = -1)
    {
        Outcome<ulong> slot = own.TakeSlot(slotPurpose);
        if (slot.Failed) return slot;
        Outcome created = await own.Check(sizeBits < 0
            ? own.Sys.Syscall(create, poolUntyped, slot.Value)
            : own.Sys.Syscall(create, poolUntyped, (ulong)sizeBits, slot.Value), step);
        return own.KeepOrGiveBack(slot.Value, created);
    }
}
