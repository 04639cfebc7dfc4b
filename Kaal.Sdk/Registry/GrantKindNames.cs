namespace Kaal.Sdk.Registry;

/// <summary>GrantKind values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class GrantKindNames
{
    public static string Name(this GrantKind grantKind) => grantKind switch
    {
        GrantKind.None => nameof(GrantKind.None),
        GrantKind.MemoryMap => nameof(GrantKind.MemoryMap),
        GrantKind.Interrupt => nameof(GrantKind.Interrupt),
        GrantKind.Ipc => nameof(GrantKind.Ipc),
        GrantKind.ProcessCreate => nameof(GrantKind.ProcessCreate),
        GrantKind.ProcessDestroy => nameof(GrantKind.ProcessDestroy),
        GrantKind.MemoryAllocate => nameof(GrantKind.MemoryAllocate),
        GrantKind.SystemShutdown => nameof(GrantKind.SystemShutdown),
        GrantKind.ProcessReload => nameof(GrantKind.ProcessReload),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((byte)grantKind).ToString(),
    };
}
