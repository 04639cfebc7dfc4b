namespace Kaal.Hil.Serial;

/// <summary>What a serial:PATH names, as the file system says (the type bits of its mode).</summary>
public enum SerialPathKind
{
    Missing,
    Directory,
    /// <summary>A Unix socket: a serial server (ser2net, QEMU) that the harness connects to.</summary>
    Socket,
    /// <summary>A device node: a USB UART, the Pi's UART, a pty; it must be a terminal.</summary>
    CharacterDevice,
    Fifo,
    RegularFile,
    /// <summary>A block device, or a type that is none of the above.</summary>
    Other,
    /// <summary>The path could not be looked at (no permission to search a folder on its way).</summary>
    NotAccessible,
}
