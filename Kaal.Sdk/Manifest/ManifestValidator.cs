using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Manifest;

/// <summary>The rules across a manifest's components (docs/manifest.md, "Validation"). It reports every problem,
/// each at the value it is about; it never stops at the first.</summary>
public static class ManifestValidator
{
    /// <param name="binaries">the binaries `binary` may name, with what each declares (ComponentDiscovery).</param>
    public static List<ManifestProblem> Validate(SystemManifest manifest, ComponentSet binaries)
    {
        var problems = new List<ManifestProblem>();
        void Report(SourceLocation location, string message) => problems.Add(new ManifestProblem(location, message));
        IReadOnlyList<ComponentSpec> components = manifest.Components;

        var byName = new Dictionary<string, ComponentSpec>();
        foreach (ComponentSpec component in components)
        {
            if (!component.Has("name")) continue;
            if (!CapabilityParser.IsName(component.Name) || component.Name.Contains('-'))
                Report(component.LocationOf("name"), $"component name \"{component.Name}\" must be a lower-case letter followed by lower-case letters, digits or '_'");
            else if (byName.TryGetValue(component.Name, out ComponentSpec? first))
                Report(component.LocationOf("name"), $"duplicate component name '{component.Name}' (first defined at line {first.LocationOf("name").Line})");
            else
                byName.Add(component.Name, component);
        }

        foreach (ComponentSpec component in components)
        {
            string who = component.Name.Length > 0 ? $"'{component.Name}'" : "component";
            if (component.Has("binary")) CheckDeclaration(component, binaries, Report);
            if (component.Priority is < 0 or > 255)
                Report(component.LocationOf("priority"), $"priority {component.Priority} is out of range 0..255 (higher = more important)");
            if (component.RestartLimit is < 1 or > 1000)
                Report(component.LocationOf("restart_limit"), $"restart_limit {component.RestartLimit} is out of range 1..1000");
            if (component.BackoffMs is < 0 or > 3_600_000)
                Report(component.LocationOf("backoff_ms"), $"backoff_ms {component.BackoffMs} is out of range 0..3600000");
            if (component.Has("core") && manifest.System.Knows("cores")) CheckCore(component, manifest.System.Cores, Report);
            if (component.Restart == RestartPolicy.Never && component.Knows("restart"))
            {
                foreach (string key in new[] { "restart_limit", "backoff_ms" })
                    if (component.Has(key)) Report(component.LocationOf(key), $"{key} has no effect with restart = \"never\" (set restart = \"on-failure\" or \"always\", or remove it)");
            }
            else if (component.SpawnedBy == Spawner.Root)
            {
                Report(component.LocationOf("restart"), $"{who} is spawned by root, which does not supervise: restart must be \"never\" (system_init restarts only what it spawned)");
            }

            var seen = new Dictionary<string, ManifestCapability>();
            foreach (ManifestCapability capability in component.Capabilities)
            {
                if (seen.TryGetValue(capability.Text, out ManifestCapability? earlier))
                    Report(capability.Location, $"capability \"{capability.Text}\" is listed twice in {who} (first at line {earlier.Location.Line})");
                else
                    seen.Add(capability.Text, capability);
                if (capability is MemoryMapCapability or InterruptCapability && component.Type != ComponentType.Driver && component.Knows("type"))
                    Report(capability.Location, $"{who} is {Wording.WithArticle(component.Type.ToString().ToLowerInvariant())}, but only drivers may hold hardware capabilities (\"{capability.Text}\")");
                if (capability is MemoryMapCapability region && manifest.System.Unread.Count == 0)
                {
                    ulong ramEnd = manifest.System.RamBase + manifest.System.MemoryBytes;
                    if (region.Address < ramEnd && manifest.System.RamBase < region.End)
                        Report(capability.Location, $"memory_map {Range(region)} overlaps RAM {Hex(manifest.System.RamBase)}..{Hex(ramEnd)}: device regions must lie outside RAM");
                }
            }
        }

        CheckRegistryCapacity(components, Report);
        CheckRegions(components, Report);
        CheckInterrupts(components, manifest.System, Report);
        CheckConnections(components, Report);
        CheckSpawners(manifest, byName, Report);
        CheckDependencies(components, byName, Report);
        CheckReloads(components, byName, Report);
        CheckImagePaths(components, byName, Report);
        return problems;
    }

    private delegate void Reporter(SourceLocation location, string message);

    /// <summary>The binary exists, is the type the entry says, and is granted everything it declares it expects.</summary>
    private static void CheckDeclaration(ComponentSpec component, ComponentSet components, Reporter report)
    {
        DiscoveredComponent? binary = components.Find(component.Binary);
        if (binary is null)
        {
            report(component.LocationOf("binary"), $"unknown binary \"{component.Binary}\"{NameSuggester.DidYouMean(component.Binary, components.Binaries)} ({components.Describe()}); {ComponentSet.HowToAdd}");
            return;
        }
        string who = component.Name.Length > 0 ? $"'{component.Name}'" : "component";
        if (component.Has("type") && component.Knows("type") && component.Type != binary.Type)
            report(component.LocationOf("type"), $"{who} is {Wording.WithArticle(Lower(component.Type))}, but binary {binary.Binary} ({binary.Source}) is declared {Wording.WithArticle(Lower(binary.Type))}");
        foreach (ExpectedCapability expected in component.Knows("capabilities") ? binary.Expects : [])
        {
            if (expected.IsGrantedBy(component.Capabilities)) continue;
            report(component.LocationOf("capabilities"), $"{who} grants less than binary {binary.Binary} expects: nothing in its capabilities grants \"{expected.Text}\" (declared by {binary.Source})");
        }
    }

    /// <summary>`core` names one of the system's cores: 0 (the boot core) to [system] cores - 1.</summary>
    private static void CheckCore(ComponentSpec component, int cores, Reporter report)
    {
        if (component.Core >= 0 && component.Core < cores) return;
        string which = cores == 1 ? "core 0 (one core: [system] cores is 1)" : $"cores 0..{cores - 1} ([system] cores = {cores})";
        string fix = component.Core < 0 ? "cores are numbered from 0, the boot core" : "raise [system] cores, or place it on a core the system has";
        report(component.LocationOf("core"), $"{Owner(component)} is placed on core {component.Core}, but the system runs on {which}: {fix}");
    }

    private static string Lower(ComponentType type) => type.ToString().ToLowerInvariant();

    private static string Hex(ulong value) => $"0x{value:X}";

    private static string Range(MemoryMapCapability region) => $"{Hex(region.Address)}..{Hex(region.End)}";

    private static string Owner(ComponentSpec component) => component.Name.Length > 0 ? $"'{component.Name}'" : "an unnamed component";

    /// <summary>Each region that overlaps one written before it is reported once, naming that one. Regions are swept in
    /// address order against the one reaching furthest so far (O(n log n): a manifest decides how many there are).</summary>
    private static void CheckRegions(IReadOnlyList<ComponentSpec> components, Reporter report)
    {
        var regions = new List<(MemoryMapCapability Region, ComponentSpec Owner, int Order)>();
        foreach (ComponentSpec component in components)
        {
            foreach (MemoryMapCapability region in component.Capabilities.OfType<MemoryMapCapability>())
                regions.Add((region, component, regions.Count));
        }

        var sorted = regions.OrderBy(entry => entry.Region.Address).ThenBy(entry => entry.Order).ToList();
        var reported = new bool[regions.Count];
        var overlaps = new List<(int Later, int Earlier)>();
        int furthest = -1;
        foreach (var entry in sorted)
        {
            if (furthest >= 0)
            {
                var other = regions[furthest];
                bool sameEntryListedTwice = other.Owner == entry.Owner && other.Region.Text == entry.Region.Text; // reported as a duplicate already
                if (entry.Region.Address < other.Region.End && !sameEntryListedTwice)
                {
                    (int later, int earlier) = entry.Order > other.Order ? (entry.Order, other.Order) : (other.Order, entry.Order);
                    if (!reported[later]) overlaps.Add((later, earlier));
                    reported[later] = true;
                }
            }
            if (furthest < 0 || entry.Region.End > regions[furthest].Region.End) furthest = entry.Order;
        }
        foreach ((int later, int earlier) in overlaps.OrderBy(pair => pair.Later))
        {
            (MemoryMapCapability region, _, _) = regions[later];
            (MemoryMapCapability other, ComponentSpec owner, _) = regions[earlier];
            report(region.Location, $"memory_map {Range(region)} overlaps {Range(other)} of {Owner(owner)} (line {other.Location.Line})");
        }
    }

    /// <summary>What the registry a kernel image embeds can hold (<see cref="RegistryLayout"/>): a manifest beyond it
    /// could be checked but never booted, and the registry writer would refuse it.</summary>
    private static void CheckRegistryCapacity(IReadOnlyList<ComponentSpec> components, Reporter report)
    {
        if (components.Count > RegistryLayout.MaxComponents)
            report(components[RegistryLayout.MaxComponents].Location, $"this is component {RegistryLayout.MaxComponents + 1} of {components.Count}: a system has at most {RegistryLayout.MaxComponents} components (the capacity of the registry a kernel image embeds)");
        foreach (ComponentSpec component in components)
        {
            if (component.Name.Length > RegistryLayout.NameBytes)
                report(component.LocationOf("name"), $"component name \"{component.Name}\" is {component.Name.Length} characters long; the registry holds names of at most {RegistryLayout.NameBytes}");
            if (component.Capabilities.Count > RegistryLayout.MaxGrants)
                report(component.Capabilities[RegistryLayout.MaxGrants].Location, $"{Owner(component)} has {component.Capabilities.Count} capabilities; a component holds at most {RegistryLayout.MaxGrants}");
            if (component.Dependencies.Count > RegistryLayout.MaxDependencies)
                report(component.Dependencies[RegistryLayout.MaxDependencies].Location, $"{Owner(component)} has {component.Dependencies.Count} dependencies; a component has at most {RegistryLayout.MaxDependencies}");
            foreach (IpcCapability end in component.Capabilities.OfType<IpcCapability>())
            {
                if (end.Channel.Length > RegistryLayout.GrantNameBytes)
                    report(end.Location, $"connection name '{end.Channel}' is {end.Channel.Length} characters long; the registry holds connection names of at most {RegistryLayout.GrantNameBytes}");
            }
        }
    }

    private static void CheckInterrupts(IReadOnlyList<ComponentSpec> components, SystemConfig system, Reporter report)
    {
        Platform platform = system.Platform;
        var claimed = new Dictionary<uint, (InterruptCapability Capability, ComponentSpec Owner)>();
        foreach (ComponentSpec component in components)
        {
            foreach (InterruptCapability interrupt in component.Capabilities.OfType<InterruptCapability>())
            {
                if (!PlatformInterrupts.IsDeviceLine(platform, interrupt.Irq, out string lines) && system.Knows("platform"))
                    report(interrupt.Location, $"IRQ {interrupt.Irq} is not a device interrupt line on {ManifestReader.NameOf(platform)}: drivers may claim {lines}");
                else if (!claimed.TryGetValue(interrupt.Irq, out var first))
                    claimed.Add(interrupt.Irq, (interrupt, component));
                else if (first.Owner != component)
                    report(interrupt.Location, $"IRQ {interrupt.Irq} is already claimed by {Owner(first.Owner)} (line {first.Capability.Location.Line}); an interrupt line has one handler");
            }
        }
    }

    private static void CheckConnections(IReadOnlyList<ComponentSpec> components, Reporter report)
    {
        var ends = new Dictionary<string, List<(IpcCapability End, ComponentSpec Owner)>>();
        foreach (ComponentSpec component in components)
        {
            foreach (IpcCapability end in component.Capabilities.OfType<IpcCapability>())
            {
                if (!ends.TryGetValue(end.Channel, out var list)) ends.Add(end.Channel, list = new());
                list.Add((end, component));
            }
        }

        foreach ((string name, var list) in ends)
        {
            (IpcCapability End, ComponentSpec Owner) first = list[0];
            foreach (var end in list.Skip(1))
            {
                if (end.End.IsChannelEnd != first.End.IsChannelEnd)
                    report(end.End.Location, $"'{name}' is {(first.End.IsChannelEnd ? "a channel (producer/consumer)" : "an endpoint (server/client/writer)")} in {Owner(first.Owner)} (line {first.End.Location.Line}), so {Owner(end.Owner)} cannot be its {end.End.Role.ToString().ToLowerInvariant()}");
            }
            foreach (IpcRole role in new[] { IpcRole.Producer, IpcRole.Consumer, IpcRole.Server })
            {
                var holders = list.Where(end => end.End.Role == role).ToList();
                foreach (var extra in holders.Skip(1))
                    report(extra.End.Location, $"'{name}' already has a {role.ToString().ToLowerInvariant()}, {Owner(holders[0].Owner)} (line {holders[0].End.Location.Line}); {(role == IpcRole.Server ? "an endpoint has one server" : "a channel is single-producer single-consumer")}");
            }
            bool Has(IpcRole role) => list.Any(end => end.End.Role == role);
            (IpcRole Present, IpcRole Missing)[] pairs = { (IpcRole.Producer, IpcRole.Consumer), (IpcRole.Consumer, IpcRole.Producer), (IpcRole.Client, IpcRole.Server), (IpcRole.Writer, IpcRole.Server) };
            foreach ((IpcRole present, IpcRole missing) in pairs)
            {
                // A capability that did not parse may be the missing end: its problem is reported already.
                if (!Has(present) || Has(missing) || !components.All(component => component.Knows("capabilities"))) continue;
                var holder = list.First(end => end.End.Role == present);
                report(holder.End.Location, $"'{name}' has a {present.ToString().ToLowerInvariant()} ({Owner(holder.Owner)}) but no {missing.ToString().ToLowerInvariant()}: no component lists \"ipc:{name}:{missing.ToString().ToLowerInvariant()}\"");
            }
        }
    }

    private static void CheckSpawners(SystemManifest manifest, Dictionary<string, ComponentSpec> byName, Reporter report)
    {
        IReadOnlyList<ComponentSpec> components = manifest.Components;
        if (!byName.TryGetValue(ComponentSpec.SystemInitName, out ComponentSpec? systemInit))
        {
            var orphans = components.Where(component => component.SpawnedBy == Spawner.SystemInit && component.Autostart && component.Knows("spawned_by") && component.Knows("autostart")).ToList();
            foreach (ComponentSpec orphan in orphans)
                report(orphan.LocationOf("spawned_by"), $"{Owner(orphan)} is spawned by system_init, which is not a component of this manifest (add a [[component]] named \"system_init\" with spawned_by = \"root\")");
            // Without orphans nothing above says why the system cannot boot: the root task starts system_init, and
            // only system_init starts anything else. A component whose name failed to read may be it: say nothing.
            if (orphans.Count == 0 && components.All(component => component.Has("name")))
            {
                report(new SourceLocation(manifest.File, 1, 1), components.Count == 0
                    ? "the manifest declares no components: a system needs at least a [[component]] named \"system_init\" with spawned_by = \"root\""
                    : "no component is named \"system_init\": the root task starts only system_init, so nothing would run (add a [[component]] named \"system_init\" with spawned_by = \"root\")");
            }

            return;
        }
        var spawned = components.Where(component => component.SpawnedBy == Spawner.SystemInit && component != systemInit && component.Autostart).ToList();
        if (spawned.Count > 0 && !systemInit.Capabilities.OfType<ProcessCreateCapability>().Any() && systemInit.Knows("capabilities"))
            report(systemInit.LocationOf("capabilities"), $"system_init spawns {string.Join(", ", spawned.Select(Owner))} but lacks the capability \"process:create\"");
        if (systemInit.SpawnedBy != Spawner.Root && systemInit.Knows("spawned_by"))
            report(systemInit.LocationOf("spawned_by"), "system_init must be spawned_by = \"root\": nothing else can start it");
    }

    /// <summary>Why a component is not running after boot, or null if it is: it must have autostart = true and a
    /// spawner that runs (root always runs; system_init runs if it is a component that itself starts).</summary>
    public static string? WhyNeverStarted(ComponentSpec component, IReadOnlyDictionary<string, ComponentSpec> byName)
    {
        if (!component.Autostart) return "autostart = false, and nothing spawns components on request";
        if (component.SpawnedBy == Spawner.Root) return null;
        if (component.Name == ComponentSpec.SystemInitName) return "it is spawned by system_init, which is itself";
        if (!byName.TryGetValue(ComponentSpec.SystemInitName, out ComponentSpec? systemInit)) return "it is spawned by system_init, which is not a component of this manifest";
        if (!systemInit.Capabilities.OfType<ProcessCreateCapability>().Any()) return "it is spawned by system_init, which lacks \"process:create\"";
        string? why = WhyNeverStarted(systemInit, byName);
        return why is null ? null : $"it is spawned by system_init, which never starts ({why})";
    }

    /// <summary>`process:reload:COMPONENT` names a component system_init spawned (the loader replaces only its own
    /// children), and is held by one too: the authority is a badged endpoint to system_init, which only it hands out.
    /// Problems point at the component name inside the string.</summary>
    private static void CheckReloads(IReadOnlyList<ComponentSpec> components, Dictionary<string, ComponentSpec> byName, Reporter report)
    {
        bool everyNameRead = components.All(component => component.Knows("name"));
        foreach (ComponentSpec holder in components)
        {
            foreach (ProcessReloadCapability reload in holder.Capabilities.OfType<ProcessReloadCapability>())
            {
                SourceLocation at = reload.Location with { Column = reload.Location.Column + 1 + reload.Text.Length - reload.Target.Length };
                if (holder.SpawnedBy == Spawner.Root && holder.Knows("spawned_by"))
                    report(reload.Location, $"{Owner(holder)} is spawned by root; \"{reload.Text}\" is a request to system_init's loader, so only a component system_init spawns can hold it");
                if (!byName.TryGetValue(reload.Target, out ComponentSpec? target))
                {
                    if (everyNameRead) report(at, $"{Owner(holder)} may reload '{reload.Target}', which is not a component{NameSuggester.DidYouMean(reload.Target, byName.Keys)}");
                    continue;
                }
                if (target.SpawnedBy == Spawner.Root && target.Knows("spawned_by"))
                    report(at, $"'{reload.Target}' is spawned by root: the loader (system_init) replaces only the components it spawns");
            }
        }
    }

    /// <summary>`image = "/PATH"`: system_init reads the image through the fs service (docs/hot-reload.md), so the path
    /// must be one a request carries, the component one system_init spawns, not fs itself, and system_init must read
    /// through fs.</summary>
    private static void CheckImagePaths(IReadOnlyList<ComponentSpec> components, Dictionary<string, ComponentSpec> byName, Reporter report)
    {
        bool systemInitReads = byName.TryGetValue(ComponentSpec.SystemInitName, out ComponentSpec? systemInit)
            && systemInit.Capabilities.OfType<IpcCapability>().Any(end => end.Channel == FileSystemProtocol.ServiceName && end.Role is IpcRole.Client or IpcRole.Writer);
        foreach (ComponentSpec component in components.Where(component => component.Has("image")))
        {
            SourceLocation at = component.LocationOf("image");
            string path = component.ImagePath;
            if (path.Length is 0 or > PathWords.MaxBytes || path[0] != '/' || path.Any(c => c is < ' ' or > '~'))
                report(at, $"image path \"{path}\" must start with '/' and be 1..{PathWords.MaxBytes} printable ASCII characters (a request to the fs service carries it in four registers)");
            else if (component.SpawnedBy == Spawner.Root && component.Knows("spawned_by"))
                report(at, $"{Owner(component)} is spawned by root, which has no fs service to read \"{path}\" from; only a component system_init spawns can name an image path");
            else if (component.Capabilities.OfType<IpcCapability>().Any(end => end.Channel == FileSystemProtocol.ServiceName && end.Role == IpcRole.Server))
                report(at, $"{Owner(component)} is the fs service, which serves the images; it cannot be loaded from one (remove image)");
            else if (!systemInitReads && systemInit is not null && systemInit.Knows("capabilities"))
                report(at, $"{Owner(component)} is loaded from \"{path}\" through the fs service, but system_init does not read through it: add \"ipc:{FileSystemProtocol.ServiceName}:client\" to system_init's capabilities");
        }
    }

    private static void CheckDependencies(IReadOnlyList<ComponentSpec> components, Dictionary<string, ComponentSpec> byName, Reporter report)
    {
        // A name that did not read may be the one depended on; whether a component starts depends on keys of its own
        // and of system_init. Either kind of unread value (reported already) leaves its consequences unjudged.
        bool everyNameRead = components.All(component => component.Knows("name"));
        bool StartKnown(ComponentSpec component) => component.Unread.Count == 0 && (!byName.TryGetValue(ComponentSpec.SystemInitName, out ComponentSpec? init) || init.Unread.Count == 0);
        foreach (ComponentSpec component in components)
        {
            foreach (NameReference dependency in component.Dependencies)
            {
                if (!byName.TryGetValue(dependency.Name, out ComponentSpec? target))
                {
                    if (everyNameRead) report(dependency.Location, $"{Owner(component)} depends on '{dependency.Name}', which is not a component{NameSuggester.DidYouMean(dependency.Name, byName.Keys)}");
                    continue;
                }
                if (target == component) continue;
                string? why = WhyNeverStarted(target, byName);
                if (why is not null && WhyNeverStarted(component, byName) is null && StartKnown(component) && StartKnown(target))
                    report(dependency.Location, $"{Owner(component)} depends on '{dependency.Name}', which is never started: {why}");
            }
        }

        CheckCycles(components, byName, report);
    }

    /// <summary>Depth-first search over dependency edges; an edge to a component on the current path closes a cycle.
    /// The search keeps its own stack (a manifest decides the depth: a chain of 18,000 components must not overflow
    /// the thread's stack) and finds the path index of a component in O(1), so it runs in O(components + edges).</summary>
    private static void CheckCycles(IReadOnlyList<ComponentSpec> components, Dictionary<string, ComponentSpec> byName, Reporter report)
    {
        var finished = new HashSet<string>();
        var onPath = new Dictionary<string, int>();
        var path = new List<(ComponentSpec Component, int NextDependency)>();
        var reported = new HashSet<string>();
        foreach (ComponentSpec root in components)
        {
            if (!byName.TryGetValue(root.Name, out ComponentSpec? named) || named != root || finished.Contains(root.Name)) continue;
            onPath.Add(root.Name, 0);
            path.Add((root, 0));
            while (path.Count > 0)
            {
                (ComponentSpec component, int next) = path[^1];
                if (next == component.Dependencies.Count)
                {
                    path.RemoveAt(path.Count - 1);
                    onPath.Remove(component.Name);
                    finished.Add(component.Name);
                    continue;
                }
                path[^1] = (component, next + 1);
                NameReference dependency = component.Dependencies[next];
                if (!byName.TryGetValue(dependency.Name, out ComponentSpec? target) || finished.Contains(target.Name)) continue;
                if (onPath.TryGetValue(target.Name, out int start))
                {
                    var cycle = new List<string>(path.Count - start + 1);
                    for (int index = start; index < path.Count; index++) cycle.Add(path[index].Component.Name);
                    string key = string.Join(",", cycle.OrderBy(name => name, System.StringComparer.Ordinal));
                    cycle.Add(target.Name);
                    if (reported.Add(key)) report(dependency.Location, $"dependency cycle: {string.Join(" -> ", cycle)}");
                    continue;
                }
                onPath.Add(target.Name, path.Count);
                path.Add((target, 0));
            }
        }
    }
}
