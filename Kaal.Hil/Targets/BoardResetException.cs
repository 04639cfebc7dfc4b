using System;

namespace Kaal.Hil.Targets;

/// <summary>The board could not be reset (its reset command failed): the run ends with outcome Error.</summary>
public sealed class BoardResetException : Exception
{
    public BoardResetException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
