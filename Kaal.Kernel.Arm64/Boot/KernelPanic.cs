using Kaal.Kernel.Arm64.Port;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The one way the kernel stops on a bug: print what happened (and, for an exception, the fault
/// registers and the saved context), then exit with <see cref="ExitCode.Panic"/>. A panic during a
/// panic (e.g. the exit itself faulting because QEMU runs without -semihosting) stops without printing.
/// </summary>
internal static unsafe class KernelPanic
{
    private static bool s_panicking;

    internal static void Halt(string reason)
    {
        Begin();
        WriteHeader(reason);
        KernelConsole.WriteLine();
        Machine.Exit(ExitCode.Panic);
    }

    internal static void HaltWithValue(string reason, ulong value)
    {
        Begin();
        WriteHeader(reason);
        KernelConsole.Write(": ");
        KernelConsole.WriteHex(value);
        KernelConsole.WriteLine();
        Machine.Exit(ExitCode.Panic);
    }

    internal static void HaltWithFrame(ExceptionFrame* frame, ulong vectorIndex)
    {
        Begin();
        WriteHeader("unhandled exception, vector ");
        KernelConsole.WriteDecimal(vectorIndex);
        KernelConsole.Write(" (");
        KernelConsole.Write(VectorName(vectorIndex));
        KernelConsole.WriteLine(")");
        WriteRegister("ESR_EL1", frame->ExceptionSyndrome);
        KernelConsole.Write("  EC=");
        KernelConsole.WriteHex(ExceptionSyndrome.ExceptionClass(frame->ExceptionSyndrome));
        KernelConsole.Write(" ");
        KernelConsole.WriteLine(ExceptionSyndrome.ClassName(ExceptionSyndrome.ExceptionClass(frame->ExceptionSyndrome)));
        WriteRegister("ELR_EL1", frame->ExceptionLinkRegister);
        KernelConsole.WriteLine();
        WriteRegister("FAR_EL1", frame->FaultAddress);
        KernelConsole.WriteLine();
        WriteRegister("SPSR_EL1", frame->SavedProgramStatus);
        KernelConsole.WriteLine();
        WriteRegister("SP", frame->StackPointer);
        KernelConsole.WriteLine();
        for (int index = 0; index < ExceptionFrame.GeneralRegisterCount; index++)
        {
            KernelConsole.Write(index < 10 ? "x0" : "x");
            KernelConsole.WriteDecimal(index);
            KernelConsole.Write("=");
            KernelConsole.WriteHex(ExceptionFrame.GeneralRegister(frame, index));
            KernelConsole.Write(index % 4 == 3 || index == ExceptionFrame.GeneralRegisterCount - 1 ? "\n" : " ");
        }
        Machine.Exit(ExitCode.Panic);
    }

    private static void Begin()
    {
        Arch.DisableInterrupts();
        if (s_panicking)
        {
            Machine.Stop();
        }
        s_panicking = true;
    }

    private static void WriteHeader(string reason)
    {
        KernelConsoleSink console = default;
        Sel4TestWriter.KernelPanic(ref console, reason);
    }

    private static void WriteRegister(string name, ulong value)
    {
        KernelConsole.Write(name);
        KernelConsole.Write("=");
        KernelConsole.WriteHex(value);
    }

    private static string VectorName(ulong vectorIndex)
    {
        string source = (vectorIndex / 4) switch
        {
            0 => "current EL, SP_EL0, ",
            1 => "current EL, SP_ELx, ",
            2 => "lower EL, AArch64, ",
            _ => "lower EL, AArch32, ",
        };
        KernelConsole.Write(source);
        return (vectorIndex % 4) switch
        {
            0 => "synchronous",
            1 => "IRQ",
            2 => "FIQ",
            _ => "SError",
        };
    }
}
