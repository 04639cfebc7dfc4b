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

    /// <summary>As <see cref="Halt"/>, with the value and how much of the heap is used (the usual reason is an exhausted
    /// heap), formatted without allocating.</summary>
    internal static void HaltWithValue(string reason, ulong value)
    {
        Print("el0 panic: ");
        Print(UserFailure.ComponentName);
        Print(": ");
        Print(reason);
        Print(" ");
        PrintDecimal(value);
        Print(" (heap used ");
        PrintDecimal(Kaal.Kernel.Arm64.Runtime.KernelHeap.UsedBytes);
        Print(" bytes)\n");
        Brk();
    }

    private static void PrintDecimal(ulong value)
    {
        const int MaxDigits = 20;
        char* digits = stackalloc char[MaxDigits];
        int start = MaxDigits;
        do
        {
            digits[--start] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);
        byte* buffer = stackalloc byte[MaxDigits];
        for (int index = start; index < MaxDigits; index++) buffer[index - start] = (byte)digits[index];
        PrintBytes(buffer, MaxDigits - start);
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
                PrintBytes(buffer, used);
                used = 0;
            }
        }
    }

    private static void PrintBytes(byte* buffer, int length)
    {
        ulong* registers = stackalloc ulong[8];
        registers[0] = (ulong)buffer;
        registers[1] = (ulong)length;
        UserSyscalls.Invoke(UserSyscalls.DebugPrint, registers);
    }

    [System.Runtime.InteropServices.DllImport("*", EntryPoint = "kaal_user_brk"), System.Runtime.InteropServices.SuppressGCTransition]
    private static extern void Brk();
}
