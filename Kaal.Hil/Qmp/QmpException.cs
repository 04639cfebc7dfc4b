using System;

namespace Kaal.Hil.Qmp;

/// <summary>Something went wrong talking QMP; the subclass says what.</summary>
public abstract class QmpException : Exception
{
    protected QmpException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
