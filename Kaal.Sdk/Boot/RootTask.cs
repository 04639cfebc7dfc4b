using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Sdk.Boot;

/// <summary>
/// The first user code: spawns the components the registry marks `spawned_by = "root"` (system_init) with the
/// SDK's spawner, and hands system_init the authority its manifest entry names and the authority it must pass
/// on: the registry (its frames, shared read-only) and the image store (read-only pages), its memory budget as an Untyped, IrqControl (the machine authority:
/// interrupt handlers and shutdown) when it grants interrupts or may shut down, and the device untypeds that
/// cover the manifest's `memory_map` regions. Then the root task's work is done. What it cannot do (an unreadable
/// registry, a spawn the kernel refuses) is returned: nobody supervises the root task, so its caller stops the
/// system with the message (the simulator as a set-up error, the CPU as the root task's panic line).
/// </summary>
public static class RootTask
{
    public const int SpawnerCNodeRadix = 11;
    public const int ComponentCNodeRadix = 6;

    public static async Task<Outcome> StartAsync(Sys sys, BootDescription boot)
    {
        ComponentRegistry? registry = ComponentRegistry.Decode(boot.Registry, out string? error);
        if (registry is null) return new Failure($"root task: {error}");
        var slots = new SlotAllocator(boot.RootCNodeSlotCount, boot.FirstEmptySlot);
        var own = new OwnCSpace(sys, boot.RootCNodeCptr, boot.RootCNodeDepth, slots);
        var spawner = new Spawner(own);
        if (!LargestRam(boot, out BootUntyped ram)) return new Failure("root task: the kernel handed over no RAM untyped");
        foreach (RegistryComponent component in registry.Components)
        {
            if (!component.SpawnedByRoot || !component.Autostart) continue;
            ulong budget = BudgetOf(component);
            ArraySegment<byte> image = ImageOf(registry, component);
            Outcome<ulong> processUntyped = await own.RetypeAsync(ram.Cptr, ObjectType.Untyped, ProcessUntypedBits(component, image, budget, DataBytes(boot.ImageStore)), $"{component.Name}: process untyped");
            if (processUntyped.Failed) return processUntyped.Failure;
            Outcome<ulong> notification = await NotificationAsync(own, SmallestRam(boot, ram).Cptr, component.Name);
            if (notification.Failed) return notification.Failure;
            var request = new SpawnRequest
            {
                Name = component.Name,
                Binary = component.Binary,
                Priority = component.Priority,
                MayCreateProcesses = component.Has(GrantKind.ProcessCreate),
                Instance = 0,
                Image = image,
                Record = component,
                ProcessUntypedCptr = processUntyped.Value,
                CNodeRadix = component.Has(GrantKind.ProcessCreate) ? SpawnerCNodeRadix : ComponentCNodeRadix,
                MemoryBudgetBytes = budget,
                BoundNotificationCptr = notification.Value,
            };
            ShareRegistry(boot, request);
            request.Entries.Add(new ArgEntry(ArgKind.Registry, 0, "", 0, ArgsLayout.RegistryVirtAddr, (ulong)boot.Registry.Length, 0));
            if (boot.ImageStore.Length > 0)
            {
                // Copied into system_init's pages, with the zeroed page below them where its runtime writes the header
                // that lets it read the store in place (a store of CPU images is larger than a component's heap).
                request.DataRegions.Add((ArgsLayout.ImageStoreVirtAddr, boot.ImageStore));
                request.ZeroedPages.Add(ArgsLayout.ImageStoreVirtAddr - ArgsLayout.PageSizeBytes);
                request.Entries.Add(new ArgEntry(ArgKind.ImageStore, 0, "", 0, ArgsLayout.ImageStoreVirtAddr, (ulong)boot.ImageStore.Length, 0));
            }
            if (component.Has(GrantKind.SystemShutdown) || AnyGrants(registry, GrantKind.Interrupt))
            {
                request.Grants.Add(new ChildGrant(boot.IrqControlCptr, CapRights.All, 0, new ArgEntry(ArgKind.IrqControl, 0, "", 0, 0, 0, 0), Move: true));
            }
            foreach (BootUntyped device in boot.Untypeds)
            {
                if (device.IsDevice && CoversAnyRegion(registry, device))
                {
                    request.Grants.Add(new ChildGrant(device.Cptr, CapRights.All, 0,
                        new ArgEntry(ArgKind.DeviceUntyped, 0, "", 0, device.PhysAddr, (ulong)device.SizeBits, 0)));
                }
            }
            Outcome<SpawnedChild> spawned = await spawner.SpawnAsync(request);
            if (spawned.Failed) return spawned.Failure;
        }
        return Outcome.Done;
    }

    /// <summary>The registry's own frames (the kernel made them at boot, from its set-up untyped, and the root task holds
    /// them), mapped read-only into the child at <see cref="ArgsLayout.RegistryVirtAddr"/>: shared, never copied, so
    /// they cost the child's process untyped nothing but the zeroed page below them, where its runtime writes the header
    /// that lets it read them in place (<see cref="Sys.MappedBytes"/>).</summary>
    private static void ShareRegistry(BootDescription boot, SpawnRequest request)
    {
        for (int page = 0; page < boot.RegistryFrameCount; page++)
        {
            request.Mappings.Add(new ChildMapping(boot.RegistryFirstFrameCptr + (ulong)page, ArgsLayout.RegistryVirtAddr + (ulong)page * ArgsLayout.PageSizeBytes, VmRights.Read));
        }
        request.ZeroedPages.Add(ArgsLayout.RegistryVirtAddr - ArgsLayout.PageSizeBytes);
    }

    /// <summary>A notification for the component's thread: how timers (its backoffs) reach it without blocking it.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private static async ValueTask<Outcome<ulong>> NotificationAsync(OwnCSpace own, ulong untyped, string component)
    {
        Outcome<ulong> slot = own.TakeSlot($"{component}: bound notification");
        if (slot.Failed) return slot;
        return own.KeepOrGiveBack(slot.Value, await own.Check(own.Sys.Syscall(Syscall.NotificationCreate, untyped, slot.Value), $"{component}: create its notification"));
    }

    /// <summary>A component's process untyped: its objects and pages below, its budget (retyped last, aligned to
    /// its own size) above. The smallest power of two that holds the larger of the two, doubled only when the budget
    /// does not fit behind the rest: on the CPU every child's pages are the whole busybox image (1.2 MiB), and doubling
    /// that for a 64 KiB budget made each child cost 4 MiB of its supervisor's memory. The image counts with its loaded
    /// size (.bss included), not its file size: the spawner gives every page of every segment a frame.
    /// <paramref name="dataBytes"/> counts data regions (<see cref="DataBytes"/>).</summary>
    public static int ProcessUntypedBits(RegistryComponent component, ArraySegment<byte> image, ulong budgetBytes, ulong dataBytes = 0)
    {
        int radix = component.Has(GrantKind.ProcessCreate) ? SpawnerCNodeRadix : ComponentCNodeRadix;
        ulong objects = (1UL << ObjectSizes.TcbBits) + (1UL << (radix + ObjectSizes.SlotBits)) + (1UL << ObjectSizes.VSpaceBits);
        ulong pages = Spawner.LoadedBytes(image) + dataBytes + 8 * ArgsLayout.PageSizeBytes + (ulong)(ArgsLayout.StackPages + 4) * ArgsLayout.PageSizeBytes;
        ulong rest = objects + pages;
        int bits = Spawner.SizeBits(Math.Max(budgetBytes, rest));
        if (budgetBytes == 0) return bits;
        ulong budgetAlignment = 1UL << Spawner.SizeBits(budgetBytes);
        ulong budgetEnd = (rest + budgetAlignment - 1) / budgetAlignment * budgetAlignment + budgetAlignment;
        return budgetEnd <= 1UL << bits ? bits : bits + 1;
    }

    /// <summary>What a data region of <paramref name="bytes"/> takes of a process untyped: its pages and the zeroed page
    /// below it (none for no region).</summary>
    public static ulong DataBytes(byte[] bytes) =>
        bytes.Length == 0 ? 0 : ((ulong)bytes.Length + ArgsLayout.PageSizeBytes - 1) / ArgsLayout.PageSizeBytes * ArgsLayout.PageSizeBytes + ArgsLayout.PageSizeBytes;

    public static ulong BudgetOf(RegistryComponent component)
    {
        foreach (Grant grant in component.Grants)
        {
            if (grant.Kind == GrantKind.MemoryAllocate) return grant.A;
        }
        return 0;
    }

    /// <summary>The component's image where it lies in the registry: never copied (on the CPU the heap never frees, and
    /// components that share one busybox image share its bytes).</summary>
    public static ArraySegment<byte> ImageOf(ComponentRegistry registry, RegistryComponent component) =>
        new(registry.Bytes, component.ImageOffset, component.ImageSize);

    private static bool LargestRam(BootDescription boot, out BootUntyped largest)
    {
        largest = default;
        foreach (BootUntyped untyped in boot.Untypeds)
        {
            if (!untyped.IsDevice && untyped.SizeBits > largest.SizeBits) largest = untyped;
        }
        return largest.SizeBits > 0;
    }

    /// <summary>A RAM untyped other than <paramref name="largest"/> for small objects: a 16-byte object retyped from the
    /// largest one first would push its big, self-aligned children past its end.</summary>
    private static BootUntyped SmallestRam(BootDescription boot, BootUntyped largest)
    {
        BootUntyped best = largest;
        foreach (BootUntyped untyped in boot.Untypeds)
        {
            if (!untyped.IsDevice && untyped.Cptr != largest.Cptr && (best.Cptr == largest.Cptr || untyped.SizeBits < best.SizeBits)) best = untyped;
        }
        return best;
    }

    private static bool AnyGrants(ComponentRegistry registry, GrantKind kind)
    {
        foreach (RegistryComponent component in registry.Components)
        {
            if (component.Has(kind)) return true;
        }
        return false;
    }

    private static bool CoversAnyRegion(ComponentRegistry registry, BootUntyped device)
    {
        ulong end = device.PhysAddr + (1UL << device.SizeBits);
        foreach (RegistryComponent component in registry.Components)
        {
            foreach (Grant grant in component.Grants)
            {
                if (grant.Kind == GrantKind.MemoryMap && grant.A < end && device.PhysAddr < grant.A + grant.B) return true;
            }
        }
        return false;
    }
}
