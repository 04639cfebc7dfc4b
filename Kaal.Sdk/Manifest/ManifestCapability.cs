namespace Kaal.Sdk.Manifest;

/// <summary>A capability string from the manifest, parsed. Each kind names the real capability system_init grants
/// the spawned component (docs/manifest.md); <see cref="Text"/> is the string as written.</summary>
public abstract record ManifestCapability(string Text, SourceLocation Location);

/// <summary>`memory_map:ADDR:SIZE`: device frames covering [Address, Address + Size), mapped read/write, uncached.</summary>
public sealed record MemoryMapCapability(ulong Address, ulong Size, string Text, SourceLocation Location) : ManifestCapability(Text, Location)
{
    public ulong End => Address + Size;
}

/// <summary>`interrupt:IRQ`: an IrqHandler for the line, bound to a notification the driver waits on.</summary>
public sealed record InterruptCapability(uint Irq, string Text, SourceLocation Location) : ManifestCapability(Text, Location);

/// <summary>The ends a name can have: a Channel&lt;T&gt; has one producer and one consumer; an endpoint one server and
/// any number of clients and writers. A writer is a client whose badge carries <c>Protocol.WriterBadge</c>, so the
/// service can tell who may change what it keeps (the fs service: docs/hot-reload.md, "fs API").</summary>
public enum IpcRole
{
    Producer,
    Consumer,
    Server,
    Client,
    Writer,
}

/// <summary>`ipc:NAME:ROLE`: the component's end of the connection NAME, set up by the name service.</summary>
public sealed record IpcCapability(string Channel, IpcRole Role, string Text, SourceLocation Location) : ManifestCapability(Text, Location)
{
    public bool IsChannelEnd => Role is IpcRole.Producer or IpcRole.Consumer;
}

/// <summary>`process:create`: authority to create processes (TCB, CNode, VSpace from its untyped budget).</summary>
public sealed record ProcessCreateCapability(string Text, SourceLocation Location) : ManifestCapability(Text, Location);

/// <summary>`process:destroy`: authority to destroy the processes it created (it keeps their TCB and CNode caps).</summary>
public sealed record ProcessDestroyCapability(string Text, SourceLocation Location) : ManifestCapability(Text, Location);

/// <summary>`process:reload:COMPONENT`: may ask system_init's loader to replace the running <see cref="Target"/> with a
/// new version of its binary (docs/hot-reload.md): a badged endpoint to system_init whose badge names the target.</summary>
public sealed record ProcessReloadCapability(string Target, string Text, SourceLocation Location) : ManifestCapability(Text, Location);

/// <summary>`memory:allocate[:BYTES]`: an Untyped budget of <see cref="Bytes"/> bytes to retype.</summary>
public sealed record MemoryAllocateCapability(ulong Bytes, string Text, SourceLocation Location) : ManifestCapability(Text, Location)
{
    /// <summary>The budget `memory:allocate` grants without a size.</summary>
    public const ulong DefaultBytes = 1024 * 1024;
}

/// <summary>`system:shutdown`: may power the machine off (SHUTDOWN, which needs the IrqControl authority).</summary>
public sealed record SystemShutdownCapability(string Text, SourceLocation Location) : ManifestCapability(Text, Location);
