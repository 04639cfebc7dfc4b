namespace Kaal.Hil.Qmp;

/// <summary>QEMU answered a command with an error: <c>{"error": {"class": ..., "desc": ...}}</c>.</summary>
public sealed class QmpErrorException : QmpException
{
    public QmpErrorException(string command, string errorClass, string description)
        : base($"QEMU refused '{command}': {errorClass}: {description}")
    {
        Command = command;
        ErrorClass = errorClass;
        Description = description;
    }

    public string Command { get; }

    /// <summary>QEMU's error class, e.g. GenericError, CommandNotFound, DeviceNotFound.</summary>
    public string ErrorClass { get; }

    public string Description { get; }
}
