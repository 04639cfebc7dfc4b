using System;

namespace Kaal.Hil.Qmp;

/// <summary>The peer does not speak QMP as specified: no greeting, a line that is not a JSON object, a message
/// longer than the client accepts, or a reply that fits no command. The connection is closed, because the
/// stream can no longer be trusted.</summary>
public sealed class QmpProtocolException : QmpException
{
    public QmpProtocolException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
