namespace Kaal.Sdk.Registry;

public enum ComponentKind : byte
{
    Driver = 0,
    Service = 1,
    Application = 2,
}

public enum RestartRule : byte
{
    Never = 0,
    OnFailure = 1,
    Always = 2,
}

/// <summary>One component as system_init sees it: the manifest entry, bound to its binary image.</summary>
public sealed class RegistryComponent
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required string Binary { get; init; }
    public required ComponentKind Kind { get; init; }
    public required byte Priority { get; init; }
    public required bool Autostart { get; init; }
    public required bool SpawnedByRoot { get; init; }
    public required RestartRule Restart { get; init; }
    public required uint RestartLimit { get; init; }
    public required uint BackoffMs { get; init; }
    public required Grant[] Grants { get; init; }
    /// <summary>Registry indexes of the components this one needs running first.</summary>
    public required int[] Dependencies { get; init; }
    public required int ImageOffset { get; init; }
    public required int ImageSize { get; init; }
    /// <summary>The core the spawner places the component's thread on (TCB_SET_AFFINITY before it resumes it; 0 = the
    /// boot core, where a new thread is anyway).</summary>
    public uint Core { get; init; }
    /// <summary>Where system_init loads the image from through the fs service ("": the embedded image, ImageSize bytes at
    /// ImageOffset; with a path nothing is embedded).</summary>
    public string ImagePath { get; init; } = "";

    public bool Has(GrantKind kind)
    {
        foreach (Grant grant in Grants)
        {
            if (grant.Kind == kind) return true;
        }
        return false;
    }
}
