namespace Kaal.Sdk.Runtime;

/// <summary>Which end of a named connection an argument entry is (the manifest's `ipc:NAME:ROLE`).</summary>
public enum IpcEnd : uint
{
    Producer = 0,
    Consumer = 1,
    Server = 2,
    Client = 3,
    /// <summary>A client that may also change what the service keeps: its badge carries <see cref="Protocol.WriterBadge"/>.</summary>
    Writer = 4,
}
