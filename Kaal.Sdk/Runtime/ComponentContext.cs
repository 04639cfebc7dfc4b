using System;
using System.Collections.Generic;
using System.Text;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// What a running component knows about itself: its name, its capabilities by purpose and name (decoded from
/// the arguments page the spawner wrote; no slot numbers in component code), and its console.
/// </summary>
public sealed class ComponentContext
{
    private readonly ArgEntry[] _entries;

    public ComponentContext(Sys sys, string name, uint instance, uint priority, ArgEntry[] entries)
    {
        Sys = sys;
        Name = name;
        Instance = instance;
        Priority = priority;
        _entries = entries;
        Console = new ConsoleOutput(sys, name, TryFind(ArgKind.Endpoint, ConsoleOutput.ServiceName, (uint)IpcEnd.Client, out ArgEntry console) ? console.Cptr : 0);
    }

    /// <summary>Reads and checks the arguments page at <paramref name="argsVirtAddr"/>.</summary>
    public static ComponentContext Load(Sys sys, ulong argsVirtAddr)
    {
        var page = new byte[ArgsLayout.PageSizeBytes];
        sys.ReadPrivate(argsVirtAddr, page);
        if (!ArgsLayout.HasMagic(page)) throw new ComponentSetupException(sys.ComponentName, $"no arguments page at 0x{argsVirtAddr:X} (bad magic)");
        uint count = ArgsLayout.EntryCount(page);
        if (count > ArgsLayout.MaxEntries) throw new ComponentSetupException(sys.ComponentName, $"arguments page claims {count} entries (at most {ArgsLayout.MaxEntries})");
        var entries = new ArgEntry[count];
        for (int index = 0; index < entries.Length; index++) entries[index] = ArgsLayout.ReadEntry(page, index);
        return new ComponentContext(sys, ArgsLayout.ComponentName(page), ArgsLayout.Instance(page), ArgsLayout.Priority(page), entries);
    }

    public Sys Sys { get; }

    public string Name { get; }

    /// <summary>0 the first time the component runs; n after n restarts.</summary>
    public uint Instance { get; }

    public uint Priority { get; }

    public IReadOnlyList<ArgEntry> Entries => _entries;

    public ConsoleOutput Console { get; }

    public bool TryFind(ArgKind kind, string name, uint role, out ArgEntry found)
    {
        foreach (ArgEntry entry in _entries)
        {
            if (entry.Kind == kind && entry.Name == name && entry.Role == role)
            {
                found = entry;
                return true;
            }
        }
        found = default;
        return false;
    }

    public bool TryFind(ArgKind kind, out ArgEntry found)
    {
        foreach (ArgEntry entry in _entries)
        {
            if (entry.Kind == kind)
            {
                found = entry;
                return true;
            }
        }
        found = default;
        return false;
    }

    /// <summary>The only entry of <paramref name="kind"/>; a setup error naming what the component holds if absent.</summary>
    public ArgEntry Require(ArgKind kind, string what) =>
        TryFind(kind, out ArgEntry found) ? found : throw Missing(what);

    /// <summary>The producing end of channel <paramref name="name"/> (`ipc:NAME:producer` in the manifest).</summary>
    public Channel<T> Serve<T>(string name, int capacity) where T : unmanaged =>
        OpenChannel<T>(name, IpcEnd.Producer, capacity);

    /// <summary>The consuming end of channel <paramref name="name"/> (`ipc:NAME:consumer`).</summary>
    public Channel<T> Connect<T>(string name, int capacity) where T : unmanaged =>
        OpenChannel<T>(name, IpcEnd.Consumer, capacity);

    /// <summary>The endpoint a service receives on (`ipc:NAME:server`).</summary>
    public ulong ServeEndpoint(string name) => EndpointEnd(name, IpcEnd.Server);

    /// <summary>A client's endpoint to service <paramref name="name"/> (`ipc:NAME:client`), badged per client.</summary>
    public ulong ConnectEndpoint(string name) => EndpointEnd(name, IpcEnd.Client);

    public bool HasEndpoint(string name, IpcEnd end) => TryFind(ArgKind.Endpoint, name, (uint)end, out _);

    private ulong EndpointEnd(string name, IpcEnd end) =>
        TryFind(ArgKind.Endpoint, name, (uint)end, out ArgEntry entry) ? entry.Cptr : throw Missing($"ipc:{name}:{end.ManifestRole()}");

    private Channel<T> OpenChannel<T>(string name, IpcEnd end, int capacity) where T : unmanaged
    {
        if (!TryFind(ArgKind.Channel, name, (uint)end, out ArgEntry entry))
        {
            throw Missing($"ipc:{name}:{end.ManifestRole()}");
        }
        return new Channel<T>(Sys, name, end, entry.B, (int)entry.C, waitCptr: entry.Cptr, signalCptr: entry.A, capacity);
    }

    private ComponentSetupException Missing(string what)
    {
        var held = new StringBuilder();
        foreach (ArgEntry entry in _entries)
        {
            if (held.Length > 0) held.Append(", ");
            held.Append(entry.Kind.Name());
            if (entry.Name.Length > 0) held.Append(' ').Append(entry.Name);
        }
        return new ComponentSetupException(Name, $"needs {what}, which its manifest entry does not grant (it holds: {(held.Length == 0 ? "nothing" : held.ToString())})");
    }
}
