using Kaal.Model;

namespace Kaal.Sdk;

/// <summary>KernelError values by name, as ToString() writes them, without reflection (the EL0 image has none;
/// docs/el0-components.md, "Enum names").</summary>
public static class KernelErrorNames
{
    public static string Name(this KernelError kernelError) => kernelError switch
    {
        KernelError.Ok => nameof(KernelError.Ok),
        KernelError.InvalidArgument => nameof(KernelError.InvalidArgument),
        KernelError.InvalidCapability => nameof(KernelError.InvalidCapability),
        KernelError.IllegalOperation => nameof(KernelError.IllegalOperation),
        KernelError.RangeError => nameof(KernelError.RangeError),
        KernelError.AlignmentError => nameof(KernelError.AlignmentError),
        KernelError.FailedLookup => nameof(KernelError.FailedLookup),
        KernelError.TruncatedMessage => nameof(KernelError.TruncatedMessage),
        KernelError.DeleteFirst => nameof(KernelError.DeleteFirst),
        KernelError.RevokeFirst => nameof(KernelError.RevokeFirst),
        KernelError.NotEnoughMemory => nameof(KernelError.NotEnoughMemory),
        // A value outside the enum (a corrupt message): its number, as ToString() writes it.
        _ => ((byte)kernelError).ToString(),
    };
}
