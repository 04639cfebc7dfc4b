namespace Kaal.Kernel.Arm64.Boot;

/// <summary>The kernel's exit status (the semihosting exit code QEMU returns to the test harness).</summary>
internal enum ExitCode
{
    Passed = 0,
    TestsFailed = 1,
    Panic = 2,
}
