namespace Kaal.Sdk.Runtime;

/// <summary>The manifest's role word for each end (`ipc:NAME:ROLE`), without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class IpcEndNames
{
    public static string ManifestRole(this IpcEnd end) => end switch
    {
        IpcEnd.Producer => "producer",
        IpcEnd.Consumer => "consumer",
        IpcEnd.Server => "server",
        IpcEnd.Client => "client",
        // A value outside the enum (a corrupt arguments page): its number.
        _ => ((uint)end).ToString(),
    };
}
