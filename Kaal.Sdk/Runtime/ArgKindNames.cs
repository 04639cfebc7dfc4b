namespace Kaal.Sdk.Runtime;

/// <summary>ArgKind values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class ArgKindNames
{
    public static string Name(this ArgKind argKind) => argKind switch
    {
        ArgKind.None => nameof(ArgKind.None),
        ArgKind.Supervisor => nameof(ArgKind.Supervisor),
        ArgKind.Endpoint => nameof(ArgKind.Endpoint),
        ArgKind.Channel => nameof(ArgKind.Channel),
        ArgKind.Device => nameof(ArgKind.Device),
        ArgKind.Interrupt => nameof(ArgKind.Interrupt),
        ArgKind.Untyped => nameof(ArgKind.Untyped),
        ArgKind.Registry => nameof(ArgKind.Registry),
        ArgKind.IrqControl => nameof(ArgKind.IrqControl),
        ArgKind.DeviceUntyped => nameof(ArgKind.DeviceUntyped),
        ArgKind.OwnCNode => nameof(ArgKind.OwnCNode),
        ArgKind.BoundNotification => nameof(ArgKind.BoundNotification),
        ArgKind.SupervisorWake => nameof(ArgKind.SupervisorWake),
        ArgKind.Binary => nameof(ArgKind.Binary),
        ArgKind.Loader => nameof(ArgKind.Loader),
        ArgKind.HandedState => nameof(ArgKind.HandedState),
        ArgKind.ImageStore => nameof(ArgKind.ImageStore),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((uint)argKind).ToString(),
    };
}
