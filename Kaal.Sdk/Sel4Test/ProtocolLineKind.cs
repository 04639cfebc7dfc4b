namespace Kaal.Sdk.Sel4Test;

/// <summary>What a console line means under the sel4test protocol (DESIGN.md decision 6).</summary>
public enum ProtocolLineKind
{
    /// <summary>Anything else: boot banner, diagnostics, a test's own output.</summary>
    Other,
    /// <summary>"Starting test N: NAME"</summary>
    TestStarted,
    /// <summary>"Test NAME passed" or "Test NAME failed"</summary>
    TestResult,
    /// <summary>"Test suite passed. N tests passed. M tests disabled."</summary>
    SuitePassed,
    /// <summary>"*** FAILURES DETECTED ***" (optionally "(F of T tests failed)")</summary>
    FailuresDetected,
    /// <summary>"*** KERNEL PANIC: ..." (the kernel's panic header; registers follow)</summary>
    KernelPanic,
}
