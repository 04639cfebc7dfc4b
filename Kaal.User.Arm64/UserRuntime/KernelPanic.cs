using Kaal.User.Arm64;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The user runtime's stop, under the name the kernel's runtime helpers (Runtime/*.cs, linked unchanged)
/// call: prints the reason through DEBUG_PRINT and executes BRK, which the kernel reports as a user fault
/// (the thread stops, or its fault handler hears of it). A spike shim: a real user runtime would give the
/// shared helpers an interface-free "Fail" hook instead of borrowing the kernel's class name.
/// </summary>
internal static unsafe class KernelPanic
{
    internal static void Halt(string reason)
    {
        Print("el0 panic: ");
        Print(reason);
        Print("\n");
        Brk();
    }

    internal static void HaltWithValue(string reason, ulong value)
    {
        Print("el0 panic: ");
        Print(reason);
        Print("\n");
        Brk();
    }

    /// <summary>ASCII of <paramref name="text"/> through a stack buffer, in pieces of 64 bytes.</summary>
    internal static void Print(string text)
    {
        byte* buffer = stackalloc byte[64];
        int used = 0;
        for (int index = 0; index < text.Length; index++)
        {
            buffer[used++] = (byte)text[index];
            if (used == 64 || index == text.Length - 1)
            {
                ulong* registers = stackalloc ulong[8];
                registers[0] = (ulong)buffer;
                registers[1] = (ulong)used;
                UserSyscalls.Invoke(UserSyscalls.DebugPrint, registers);
                used = 0;
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("*", EntryPoint = "kaal_user_brk"), System.Runtime.InteropServices.SuppressGCTransition]
    private static extern void Brk();
}
