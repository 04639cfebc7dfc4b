namespace Kaal.Sdk.Sel4Test;

/// <summary>
/// The sel4test protocol's lines (DESIGN.md decision 6), written by the kernel's self-test and by test components and
/// read by <see cref="ProtocolLine"/>; one home, so the writers and the parser cannot drift apart. Each method writes one
/// line without its newline (the caller ends it). Portable: compiled as it is into the kernel and the EL0 image.
/// </summary>
public static class Sel4TestWriter
{
    public const string PanicMarker = "*** KERNEL PANIC";
    public const string FailuresMarker = "*** FAILURES DETECTED ***";

    /// <summary>"Starting test N: NAME"</summary>
    public static void Starting<TSink>(ref TSink sink, ulong number, string name) where TSink : struct, ITextSink
    {
        sink.Write("Starting test ");
        sink.WriteDecimal(number);
        sink.Write(": ");
        sink.Write(name);
    }

    /// <summary>"Test NAME passed" or "Test NAME failed"</summary>
    public static void Result<TSink>(ref TSink sink, string name, bool passed) where TSink : struct, ITextSink
    {
        sink.Write("Test ");
        sink.Write(name);
        sink.Write(passed ? " passed" : " failed");
    }

    /// <summary>"Test suite passed. N tests passed. M tests disabled."</summary>
    public static void SuitePassed<TSink>(ref TSink sink, ulong passed, ulong disabled) where TSink : struct, ITextSink
    {
        sink.Write("Test suite passed. ");
        sink.WriteDecimal(passed);
        sink.Write(" tests passed. ");
        sink.WriteDecimal(disabled);
        sink.Write(" tests disabled.");
    }

    /// <summary>"*** FAILURES DETECTED ***"</summary>
    public static void FailuresDetected<TSink>(ref TSink sink) where TSink : struct, ITextSink => sink.Write(FailuresMarker);

    /// <summary>"*** FAILURES DETECTED *** (F of T tests failed)"</summary>
    public static void FailuresDetected<TSink>(ref TSink sink, ulong failed, ulong run) where TSink : struct, ITextSink
    {
        sink.Write(FailuresMarker);
        sink.Write(" (");
        sink.WriteDecimal(failed);
        sink.Write(" of ");
        sink.WriteDecimal(run);
        sink.Write(" tests failed)");
    }

    /// <summary>"*** KERNEL PANIC: REASON" (the panic's registers follow on lines of their own)</summary>
    public static void KernelPanic<TSink>(ref TSink sink, string reason) where TSink : struct, ITextSink
    {
        sink.Write(PanicMarker);
        sink.Write(": ");
        sink.Write(reason);
    }
}
