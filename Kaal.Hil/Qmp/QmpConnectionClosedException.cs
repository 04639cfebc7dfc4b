using System;

namespace Kaal.Hil.Qmp;

/// <summary>The QMP connection ended (QEMU exited or crashed, the socket broke, or the client was disposed)
/// before the call could complete. Every call that was waiting for a reply gets one of these.</summary>
public sealed class QmpConnectionClosedException : QmpException
{
    public QmpConnectionClosedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
