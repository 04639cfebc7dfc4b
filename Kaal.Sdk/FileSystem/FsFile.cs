namespace Kaal.Sdk.FileSystem;

/// <summary>What Stat or Create answered: a file's handle (for reads and writes) and size, or why there is none.</summary>
public readonly record struct FsFile(FsStatus Status, uint Handle, uint SizeBytes, bool Writable)
{
    public bool Found => Status == FsStatus.Ok;
}
