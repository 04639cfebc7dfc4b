namespace Kaal.Sdk.Registry;

/// <summary>A manifest capability string's kind, as the registry carries it to system_init.</summary>
public enum GrantKind : byte
{
    None = 0,
    /// <summary>A: physical address, B: size in bytes.</summary>
    MemoryMap = 1,
    /// <summary>A: IRQ number.</summary>
    Interrupt = 2,
    /// <summary>Name, role (<see cref="Runtime.IpcEnd"/>).</summary>
    Ipc = 3,
    ProcessCreate = 4,
    ProcessDestroy = 5,
    /// <summary>A: bytes.</summary>
    MemoryAllocate = 6,
    SystemShutdown = 7,
    /// <summary>Name: the component this one may have replaced (docs/hot-reload.md).</summary>
    ProcessReload = 8,
}
