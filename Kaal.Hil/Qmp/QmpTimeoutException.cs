using System;

namespace Kaal.Hil.Qmp;

/// <summary>No reply (or no greeting) within the time allowed. The connection stays usable: a late reply is
/// recognised by its id and dropped.</summary>
public sealed class QmpTimeoutException : QmpException
{
    public QmpTimeoutException(string what, TimeSpan timeout)
        : base($"{what} within {(long)timeout.TotalMilliseconds} ms")
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}
