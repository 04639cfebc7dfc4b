namespace Kaal.Model;

/// <summary>Memory syscalls and DEBUG_PRINT (they need the VSpace model).</summary>
public sealed partial class Kernel
{
    private KernelResult DispatchMemory<TMachine>(ref TMachine machine, uint thread, Syscall number, out bool known)
        where TMachine : struct, IMachinePort
    {
        known = false;
        return KernelResult.Ok();
    }
}
