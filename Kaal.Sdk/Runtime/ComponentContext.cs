using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Kaal.Sdk.FileSystem;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// What a running component knows about itself: its name, its capabilities by purpose and name (decoded from
/// the arguments page the spawner wrote; no slot numbers in component code), and its console.
/// What the component cannot get or do (a capability its manifest does not grant, a step the kernel refused) is
/// recorded as its <see cref="Failure"/>, not thrown: <see cref="ComponentRuntime"/> ends it with that line and
/// exit status 1, on the CPU (which has no unwinder, so a throw would fault it) as in the simulator. The methods
/// that can record one return false then, and the component returns from the phase.
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
        bool hasStatePage = TryFind(ArgKind.HandedState, out ArgEntry handed);
        Quiescence = new Quiescence(sys, TryFind(ArgKind.Supervisor, out ArgEntry supervisor) ? supervisor.Cptr : 0, hasStatePage ? handed.A : 0);
        HandedState = hasStatePage ? ReadHandedState(sys, handed) : HandedState.None;
    }

    /// <summary>The blob system_init put in the state page (it checked the page against the hand-over first).</summary>
    private static HandedState ReadHandedState(Sys sys, ArgEntry handed)
    {
        if (handed.Role == 0 || handed.B > StatePage.MaxStateBytes) return HandedState.None;
        var bytes = new byte[handed.B];
        sys.ReadPrivate(handed.A + StatePage.HeaderBytes, bytes);
        return new HandedState(handed.Role, bytes);
    }

    /// <summary>Reads and checks the arguments page at <paramref name="argsVirtAddr"/>.</summary>
    public static ComponentContext Load(Sys sys, ulong argsVirtAddr)
    {
        // The header first, then the header and the entries it counts: not the whole page (a component starts every
        // schedule; the page is mostly empty).
        Span<byte> header = stackalloc byte[ArgsLayout.HeaderBytes];
        sys.ReadPrivate(argsVirtAddr, header);
        if (!ArgsLayout.HasMagic(header)) throw new ComponentSetupException(sys.ComponentName, $"no arguments page at 0x{argsVirtAddr:X} (bad magic)");
        uint count = ArgsLayout.EntryCount(header);
        if (count > ArgsLayout.MaxEntries) throw new ComponentSetupException(sys.ComponentName, $"arguments page claims {count} entries (at most {ArgsLayout.MaxEntries})");
        var page = new byte[ArgsLayout.HeaderBytes + count * ArgsLayout.EntryBytes];
        sys.ReadPrivate(argsVirtAddr, page);
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

    /// <summary>How this component is stopped for a replacement (docs/hot-reload.md).</summary>
    public Quiescence Quiescence { get; }

    /// <summary>What the version this one replaced handed over (<see cref="Component.SaveState"/>); none for a component
    /// that was started, restarted, or whose predecessor was killed at the stop deadline.</summary>
    public HandedState HandedState { get; }

    /// <summary>A point where this component may be stopped for a replacement: if system_init asked, its state is handed
    /// over and this never returns. Costs one Poll per channel end.</summary>
    public Task QuiescentPointAsync() => Quiescence.CheckAsync();

    /// <summary>The loader for <paramref name="target"/> (`process:reload:TARGET`); a set-up failure if not granted.</summary>
    public bool ConnectLoader(string target, out Loader loader)
    {
        bool found = TryFind(ArgKind.Loader, target, 0, out ArgEntry entry) || Missing($"process:reload:{target}");
        loader = new Loader(Sys, target, entry.Cptr);
        return found;
    }

    /// <summary>The first failure the component met, or null while it met none.</summary>
    public Failure? Failure { get; private set; }

    /// <summary>Records <paramref name="failure"/> (the first one is the one reported).</summary>
    public void Fail(Failure failure) => Failure ??= failure;

    /// <summary>Records a set-up problem, "NAME: <paramref name="message"/>".</summary>
    public void FailSetup(string message) => Fail(new Failure($"{Name}: {message}"));

    /// <summary>Whether <paramref name="step"/> succeeded; its failure is recorded if not.</summary>
    public bool Succeeded(Outcome step)
    {
        if (step.Failed) Fail(step.Failure);
        return !step.Failed;
    }

    /// <summary>Whether <paramref name="step"/> succeeded, with its value; its failure is recorded if not.</summary>
    public bool Succeeded<T>(Outcome<T> step, out T value)
    {
        value = step.Failed ? default! : step.Value;
        if (step.Failed) Fail(step.Failure);
        return !step.Failed;
    }

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

    /// <summary>The only entry of <paramref name="kind"/>; false, with a set-up failure naming what the component
    /// holds, if absent.</summary>
    public bool Require(ArgKind kind, string what, out ArgEntry found) =>
        TryFind(kind, out found) || Missing(what);

    /// <summary>The producing end of channel <paramref name="name"/> (`ipc:NAME:producer` in the manifest).</summary>
    public bool Serve<T>(string name, int capacity, out Channel<T> channel) where T : unmanaged =>
        OpenChannel(name, IpcEnd.Producer, capacity, out channel);

    /// <summary>The consuming end of channel <paramref name="name"/> (`ipc:NAME:consumer`).</summary>
    public bool Connect<T>(string name, int capacity, out Channel<T> channel) where T : unmanaged =>
        OpenChannel(name, IpcEnd.Consumer, capacity, out channel);

    /// <summary>The endpoint a service receives on (`ipc:NAME:server`).</summary>
    public bool ServeEndpoint(string name, out ulong endpoint) => EndpointEnd(name, IpcEnd.Server, out endpoint);

    /// <summary>A client's endpoint to service <paramref name="name"/> (`ipc:NAME:client`), badged per client.</summary>
    public bool ConnectEndpoint(string name, out ulong endpoint) => EndpointEnd(name, IpcEnd.Client, out endpoint);

    /// <summary>This component's end of the fs service: `ipc:fs:writer` if granted, else `ipc:fs:client`; a set-up failure
    /// if neither is.</summary>
    public bool ConnectFileSystem(out FileSystemClient fileSystem)
    {
        bool found = TryFind(ArgKind.Endpoint, FileSystemProtocol.ServiceName, (uint)IpcEnd.Writer, out ArgEntry entry)
            || TryFind(ArgKind.Endpoint, FileSystemProtocol.ServiceName, (uint)IpcEnd.Client, out entry)
            || Missing($"ipc:{FileSystemProtocol.ServiceName}:client");
        fileSystem = new FileSystemClient(Sys, entry.Cptr);
        return found;
    }

    public bool HasEndpoint(string name, IpcEnd end) => TryFind(ArgKind.Endpoint, name, (uint)end, out _);

    private bool EndpointEnd(string name, IpcEnd end, out ulong endpoint)
    {
        bool found = TryFind(ArgKind.Endpoint, name, (uint)end, out ArgEntry entry) || Missing($"ipc:{name}:{end.ManifestRole()}");
        endpoint = entry.Cptr;
        return found;
    }

    private bool OpenChannel<T>(string name, IpcEnd end, int capacity, out Channel<T> channel) where T : unmanaged
    {
        if (!TryFind(ArgKind.Channel, name, (uint)end, out ArgEntry entry))
        {
            channel = null!;
            return Missing($"ipc:{name}:{end.ManifestRole()}");
        }
        channel = new Channel<T>(Sys, name, end, entry.B, (int)entry.C, waitCptr: entry.Cptr, signalCptr: entry.A, capacity, Quiescence);
        Quiescence.Watch(entry.Cptr);
        return true;
    }

    /// <summary>Records that the component needs <paramref name="what"/>, listing what it holds; always false.</summary>
    private bool Missing(string what)
    {
        var held = new StringBuilder();
        foreach (ArgEntry entry in _entries)
        {
            if (held.Length > 0) held.Append(", ");
            held.Append(entry.Kind.Name());
            if (entry.Name.Length > 0) held.Append(' ').Append(entry.Name);
        }
        FailSetup($"needs {what}, which its manifest entry does not grant (it holds: {(held.Length == 0 ? "nothing" : held.ToString())})");
        return false;
    }
}
