using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.SystemInit;

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

    public async ValueTask<ulong> EndpointAsync(string name)
    {
        if (_endpoints.TryGetValue(name, out ulong existing)) return existing;
        ulong slot = own.TakeSlot($"endpoint '{name}'");
        await own.Check(own.Sys.Syscall(Syscall.EndpointCreate, poolUntyped, slot), $"create endpoint '{name}'");
        _endpoints.Add(name, slot);
        return slot;
    }

    public async ValueTask<ChannelObjects> ChannelAsync(string name)
    {
        if (_channels.TryGetValue(name, out ChannelObjects? existing)) return existing;
        ulong frame = own.TakeSlot($"channel '{name}' ring");
        await own.Check(own.Sys.Syscall(Syscall.MemoryAllocate, poolUntyped, ObjectSizes.PageBits, frame), $"channel '{name}': allocate the ring");
        ulong itemsReady = own.TakeSlot($"channel '{name}' items-ready");
        await own.Check(own.Sys.Syscall(Syscall.NotificationCreate, poolUntyped, itemsReady), $"channel '{name}': create items-ready");
        ulong spaceFree = own.TakeSlot($"channel '{name}' space-free");
        await own.Check(own.Sys.Syscall(Syscall.NotificationCreate, poolUntyped, spaceFree), $"channel '{name}': create space-free");
        var objects = new ChannelObjects(frame, itemsReady, spaceFree, _channels.Count);
        _channels.Add(name, objects);
        return objects;
    }
}
