using System.Runtime.InteropServices;

namespace Kaal.User.Arm64;

/// <summary>The svc stub (start.S): the only way out of EL0.</summary>
internal static unsafe class UserSyscalls
{
    [DllImport("*", EntryPoint = "kaal_syscall"), SuppressGCTransition]
    internal static extern ulong Invoke(ulong number, ulong* registers);

    internal const ulong DebugPrint = 0x1001;
    internal const ulong Shutdown = 0x50;
    internal const ulong IrqControlSlot = 4;
}
