namespace Kaal.Hil.Qemu;

/// <summary>Where QEMU's first serial port (the kernel console) goes.</summary>
public enum QemuSerialMode
{
    /// <summary>A Unix socket the harness listens on and QEMU connects to at start-up, before the guest runs,
    /// so no output is lost and QEMU's stdout stays free for its own messages.</summary>
    Socket,
    /// <summary>QEMU's stdout (-serial stdio), read through a pipe.</summary>
    Pipe,
    /// <summary>A pseudo-terminal (-serial pty); the session reports its path and does not read it: something
    /// else opens it as it would a board's serial device.</summary>
    Pty,
    /// <summary>A Unix socket QEMU listens on (-serial unix:PATH,server=on,wait=off); the session reports its
    /// path and does not read it (output before someone connects is dropped: start paused).</summary>
    ListeningSocket,
}
