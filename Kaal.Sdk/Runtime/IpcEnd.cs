namespace Kaal.Sdk.Runtime;

/// <summary>Which end of a named connection an argument entry is (the manifest's `ipc:NAME:ROLE`).</summary>
public enum IpcEnd : uint
{
    Producer = 0,
    Consumer = 1,
    Server = 2,
    Client = 3,
}
