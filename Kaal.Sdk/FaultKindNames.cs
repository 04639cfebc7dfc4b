using Kaal.Model;

namespace Kaal.Sdk;

/// <summary>FaultKind values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class FaultKindNames
{
    public static string Name(this FaultKind faultKind) => faultKind switch
    {
        FaultKind.None => nameof(FaultKind.None),
        FaultKind.UnknownSyscall => nameof(FaultKind.UnknownSyscall),
        FaultKind.VmFault => nameof(FaultKind.VmFault),
        FaultKind.UserException => nameof(FaultKind.UserException),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((byte)faultKind).ToString(),
    };
}
