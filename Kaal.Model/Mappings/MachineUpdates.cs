namespace Kaal.Model;

/// <summary>
/// The one call that hands the machine everything the kernel decided but could not say at the time:
/// interrupt lines masked or unmasked, pages mapped, remapped or unmapped. The dispatcher calls it at
/// every kernel exit, so the machine's state matches the kernel's whenever user code runs.
/// </summary>
public sealed partial class Kernel
{
    /// <remarks>Inlined with its checks, because almost every exit has nothing to flush.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void FlushMachineUpdates<TMachine>(ref TMachine machine) where TMachine : struct, IMachinePort
    {
        if (_irqChangesPending) FlushIrqChanges(ref machine);
        if (_mappings.HasPendingChanges) FlushMappingChanges(ref machine);
    }
}
