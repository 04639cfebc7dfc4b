using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

/// <summary>
/// Turns each manifest capability string into the capability it means (docs/manifest.md): `memory_map` device
/// frames (retyped from the device untyped covering them) mapped at the component's device window;
/// `interrupt` an IrqHandler whose notification is bound to the component's thread; `ipc` an end of a named
/// connection; `memory:allocate` an Untyped budget; `process:create` a maximum controlled priority equal to its
/// priority; `process:reload:NAME` a badged endpoint to system_init's loader; `system:shutdown` IrqControl. A string that cannot be honoured fails the spawn with a reason (a
/// <see cref="Failure"/>, which system_init reports like any failed spawn).
/// </summary>
public sealed class GrantBuilder(OwnCSpace own, NameService names, ulong poolUntyped, ulong irqControl, List<ArgEntry> deviceUntypeds)
{
    private readonly Dictionary<ulong, ulong> _deviceWatermark = new();
    private readonly Dictionary<ulong, ulong> _irqHandlers = new();

    /// <summary>The page system_init shares with the timer service for backoff deadlines (0: none).</summary>
    public ulong WakeFrame { get; set; }

    /// <summary>system_init's own bound notification, which the timer service signals when a deadline passes.</summary>
    public ulong SupervisorNotification { get; set; }

    /// <summary>The endpoint system_init's loader receives requests on (its supervision endpoint; docs/hot-reload.md).</summary>
    public ulong LoaderEndpoint { get; set; }

    /// <summary>The page system_init's loader reads images from fs through (0: system_init holds no ipc:fs:client).</summary>
    public ulong LoaderWindowFrame { get; set; }

    /// <summary>The read-only image the fs service serves (the image store the root task handed system_init; empty: none).</summary>
    public byte[] ImageStore { get; set; } = System.Array.Empty<byte>();

    /// <summary>Whether some component may have this one replaced (it gets a bound notification for stop requests).</summary>
    public System.Func<string, bool> IsReloadTarget { get; set; } = _ => false;

    /// <summary>A component's registry index by name (-1: none).</summary>
    public System.Func<string, int> IndexOf { get; set; } = _ => -1;

    public async Task<Outcome<ComponentGrants>> BuildAsync(RegistryComponent component, ulong supervisorBadge)
    {
        var grants = new ComponentGrants();
        int deviceIndex = 0;
        int interruptIndex = 0;
        foreach (Grant grant in component.Grants)
        {
            Outcome added = Outcome.Done;
            switch (grant.Kind)
            {
                case GrantKind.MemoryMap:
                    added = await AddDeviceAsync(grants, grant, ArgsLayout.DeviceWindowVirtAddr + (ulong)deviceIndex++ * ArgsLayout.DeviceWindowStrideBytes);
                    break;
                case GrantKind.Interrupt:
                    added = await AddInterruptAsync(grants, grant, component.Name, 1UL << interruptIndex++);
                    break;
                case GrantKind.Ipc:
                    added = await AddIpcAsync(grants, grant, supervisorBadge);
                    break;
                case GrantKind.MemoryAllocate:
                    grants.MemoryBudgetBytes += grant.A;
                    break;
                case GrantKind.ProcessCreate:
                    grants.MayCreateProcesses = true;
                    break;
                case GrantKind.SystemShutdown:
                    // IrqControl cannot be copied (seL4's rule), and system_init needs it for interrupts and for
                    // its own shutdown, so only a component the root task starts can hold system:shutdown.
                    return new Failure("system:shutdown is the machine authority, which system_init keeps; only a component spawned by the root task can hold it");
                case GrantKind.ProcessReload:
                    added = AddLoader(grants, grant);
                    break;
                case GrantKind.ProcessDestroy:
                    // The authority to tear down what it spawns: it keeps its children's process untypeds
                    // (see docs/manifest.md); there is no capability to copy for it.
                    break;
                default:
                    return new Failure($"capability kind {grant.Kind.Name()} has no meaning");
            }
            if (added.Failed) return added.Failure;
        }
        if (IsReloadTarget(component.Name))
        {
            Outcome bound = await BindNotificationAsync(grants, component.Name, "stop requests");
            if (bound.Failed) return bound.Failure;
        }
        return grants;
    }

    /// <summary>`process:reload:NAME`: system_init's endpoint, badged with the loader flag and NAME's registry index, so
    /// the capability itself says which component its holder may have replaced.</summary>
    private Outcome AddLoader(ComponentGrants grants, Grant grant)
    {
        int target = IndexOf(grant.Name);
        if (target < 0 || LoaderEndpoint == 0) return new Failure($"process:reload:{grant.Name}: {(target < 0 ? "no such component" : "system_init has no loader endpoint")}");
        grants.Grants.Add(new ChildGrant(LoaderEndpoint, CapRights.Write | CapRights.GrantReply, SystemInit.LoaderBadgeFlag | (ulong)(target + 1),
            new ArgEntry(ArgKind.Loader, 0, grant.Name, 0, 0, 0, 0)));
        return Outcome.Done;
    }

    /// <summary>The fs service's read-only image: copied into its own pages at each spawn (system_init reads it in
    /// place and keeps no copy), with the zeroed page below that lets fs read it in place too. And, when system_init
    /// reads images through fs, the loader window, a signal to answer on, and a bound notification to be asked on.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> AddFileSystemAsync(ComponentGrants grants, string component)
    {
        if (ImageStore.Length > 0)
        {
            grants.DataRegions.Add((ArgsLayout.ImageStoreVirtAddr, ImageStore));
            grants.ZeroedPages.Add(ArgsLayout.ImageStoreVirtAddr - ArgsLayout.PageSizeBytes);
            grants.Entries.Add(new ArgEntry(ArgKind.ImageStore, 0, "", 0, ArgsLayout.ImageStoreVirtAddr, (ulong)ImageStore.Length, 0));
        }
        if (LoaderWindowFrame == 0 || SupervisorNotification == 0) return Outcome.Done;
        grants.Mappings.Add(new ChildMapping(LoaderWindowFrame, ArgsLayout.LoaderWindowVirtAddr, VmRights.Read | VmRights.Write));
        grants.Grants.Add(new ChildGrant(SupervisorNotification, CapRights.Write, LoaderWindow.AnsweredBadge,
            new ArgEntry(ArgKind.LoaderWindow, 0, "", 0, ArgsLayout.LoaderWindowVirtAddr, 0, 0)));
        return await BindNotificationAsync(grants, component, "loader requests");
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> AddDeviceAsync(ComponentGrants grants, Grant grant, ulong virtAddr)
    {
        for (ulong offset = 0; offset < grant.B; offset += ArgsLayout.PageSizeBytes)
        {
            Outcome<ulong> frame = await DeviceFrameAsync(grant.A + offset);
            if (frame.Failed) return frame.Failure;
            grants.Mappings.Add(new ChildMapping(frame.Value, virtAddr + offset, VmRights.Read | VmRights.Write));
        }
        grants.Entries.Add(new ArgEntry(ArgKind.Device, 0, "", 0, grant.A, grant.B, virtAddr));
        return Outcome.Done;
    }

    /// <summary>A frame of device memory at <paramref name="physAddr"/>: retyped from the device untyped that covers it,
    /// after filler frames up to it (an untyped hands out memory in address order).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<ulong>> DeviceFrameAsync(ulong physAddr)
    {
        foreach (ArgEntry untyped in deviceUntypeds)
        {
            ulong end = untyped.A + (1UL << (int)untyped.B);
            if (physAddr < untyped.A || physAddr >= end) continue;
            ulong next = _deviceWatermark.TryGetValue(untyped.Cptr, out ulong mark) ? mark : untyped.A;
            if (physAddr < next) return new Failure($"device page 0x{physAddr:X} was already handed out");
            // Fillers are the largest aligned untypeds that fit below the page: a machine's device untyped spans the
            // whole MMIO range (the PL011 sits 16 MiB into qemu-virt's), so page-sized fillers would cost thousands
            // of slots; these cost at most one per address bit.
            for (int guard = 0; next < physAddr && guard < 64; guard++)
            {
                int fillerBits = FillerBits(next, physAddr);
                Outcome<ulong> filler = await own.RetypeAsync(untyped.Cptr, ObjectType.Untyped, fillerBits, "device filler");
                if (filler.Failed) return filler;
                next += 1UL << fillerBits;
                _deviceWatermark[untyped.Cptr] = next;
            }
            Outcome<ulong> frame = await own.RetypeAsync(untyped.Cptr, ObjectType.Frame4K, 0, $"device page 0x{physAddr:X}");
            if (!frame.Failed) _deviceWatermark[untyped.Cptr] = physAddr + ArgsLayout.PageSizeBytes;
            return frame;
        }
        return new Failure($"memory_map: no device memory at 0x{physAddr:X} on this platform");
    }

    /// <summary>Size bits of the largest untyped that starts at <paramref name="from"/> (aligned to its size) and ends at
    /// or below <paramref name="to"/>; both are page aligned, so at least a page.</summary>
    private static int FillerBits(ulong from, ulong to)
    {
        int bits = ObjectSizes.PageBits;
        while (bits < 47 && (from & ((1UL << (bits + 1)) - 1)) == 0 && from + (1UL << (bits + 1)) <= to) bits++;
        return bits;
    }

    /// <summary>Makes the notification bound to the component's thread, once: interrupts arrive on it, and a stop
    /// request for a service (docs/hot-reload.md).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> BindNotificationAsync(ComponentGrants grants, string component, string purpose)
    {
        if (grants.BoundNotification != 0) return Outcome.Done;
        Outcome<ulong> notification = own.TakeSlot($"{component}: bound notification");
        if (notification.Failed) return notification.Failure;
        grants.BoundNotification = notification.Value;
        Outcome created = await own.Check(own.Sys.Syscall(Syscall.NotificationCreate, poolUntyped, grants.BoundNotification), $"{component}: create its notification");
        if (created.Failed) return created;
        own.Sys.Name(grants.BoundNotification, component, purpose);
        return Outcome.Done;
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> AddInterruptAsync(ComponentGrants grants, Grant grant, string component, ulong badge)
    {
        if (irqControl == 0) return new Failure($"interrupt:{grant.A}: system_init holds no IrqControl (give it system:shutdown, or the root task must pass the machine authority)");
        Outcome bound = await BindNotificationAsync(grants, component, "interrupts");
        if (bound.Failed) return bound;
        // A handler outlives a failed attempt to build the grants: the line can be claimed only once.
        if (!_irqHandlers.TryGetValue(grant.A, out ulong handler))
        {
            Outcome<ulong> slot = own.TakeSlot($"IRQ {grant.A} handler");
            if (slot.Failed) return slot.Failure;
            Outcome claimed = await own.Check(own.Sys.Syscall(Syscall.IrqHandlerGet, irqControl, grant.A, own.CNodeCptr, slot.Value, own.Depth), $"IRQ {grant.A}: get its handler");
            if (claimed.Failed) return claimed;
            handler = slot.Value;
            _irqHandlers.Add(grant.A, handler);
        }
        Outcome<ulong> badged = await own.DeriveAsync(grants.BoundNotification, CapRights.Write, badge, $"IRQ {grant.A}: badge its notification");
        if (badged.Failed) return badged.Failure;
        Outcome routed = await own.Check(own.Sys.Syscall(Syscall.IrqSetNotification, handler, badged.Value), $"IRQ {grant.A}: set its notification");
        if (routed.Failed) return routed;
        grants.Grants.Add(new ChildGrant(handler, CapRights.All, 0, new ArgEntry(ArgKind.Interrupt, 0, "", 0, grant.A, badge, 0)));
        return Outcome.Done;
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> AddIpcAsync(ComponentGrants grants, Grant grant, ulong clientBadge)
    {
        var end = (IpcEnd)grant.Role;
        if (end is IpcEnd.Server or IpcEnd.Client or IpcEnd.Writer)
        {
            Outcome<ulong> named = await names.EndpointAsync(grant.Name);
            if (named.Failed) return named.Failure;
            ulong endpoint = named.Value;
            if (end == IpcEnd.Server && grant.Name == SystemInit.TimerService && WakeFrame != 0 && SupervisorNotification != 0)
            {
                grants.Mappings.Add(new ChildMapping(WakeFrame, ArgsLayout.WakePageVirtAddr, VmRights.Read));
                grants.Grants.Add(new ChildGrant(SupervisorNotification, CapRights.Write, 1,
                    new ArgEntry(ArgKind.SupervisorWake, 0, "", 0, 0, ArgsLayout.WakePageVirtAddr, 0)));
            }
            if (end == IpcEnd.Server && grant.Name == FileSystemProtocol.ServiceName)
            {
                Outcome added = await AddFileSystemAsync(grants, grant.Name);
                if (added.Failed) return added;
            }
            var entry = new ArgEntry(ArgKind.Endpoint, grant.Role, grant.Name, 0, 0, 0, 0);
            grants.Grants.Add(end == IpcEnd.Server
                ? new ChildGrant(endpoint, CapRights.Read | CapRights.Write | CapRights.Grant, 0, entry)
                : new ChildGrant(endpoint, CapRights.Write | CapRights.GrantReply, end == IpcEnd.Writer ? clientBadge | Protocol.WriterBadge : clientBadge, entry));
            return Outcome.Done;
        }
        Outcome<NameService.ChannelObjects> opened = await names.ChannelAsync(grant.Name);
        if (opened.Failed) return opened.Failure;
        NameService.ChannelObjects channel = opened.Value;
        ulong ringVirtAddr = ArgsLayout.ChannelWindowVirtAddr + (ulong)channel.Index * ArgsLayout.PageSizeBytes;
        // A component holding both ends maps the ring once.
        if (!grants.Mappings.Exists(mapping => mapping.VirtAddr == ringVirtAddr))
        {
            grants.Mappings.Add(new ChildMapping(channel.Frame, ringVirtAddr, VmRights.Read | VmRights.Write));
        }
        var channelEntry = new ArgEntry(ArgKind.Channel, grant.Role, grant.Name, 0, 0, ringVirtAddr, ArgsLayout.PageSizeBytes);
        bool producer = end == IpcEnd.Producer;
        grants.Grants.Add(new ChildGrant(
            producer ? channel.SpaceFree : channel.ItemsReady, CapRights.Read, 0, channelEntry,
            producer ? channel.ItemsReady : channel.SpaceFree, CapRights.Write, producer ? 1UL : 2UL));
        return Outcome.Done;
    }
}
