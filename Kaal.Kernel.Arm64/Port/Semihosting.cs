namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// ARM semihosting (QEMU -semihosting): SYS_EXIT ends the emulator with an exit code, the channel tests
/// read pass/fail from. Without -semihosting the HLT is an undefined instruction (which panics).
/// </summary>
internal static unsafe class Semihosting
{
    private const uint SysExit = 0x18;
    private const ulong ApplicationExit = 0x20026; // ADP_Stopped_ApplicationExit

    private static bool s_callInProgress;

    /// <summary>True while a semihosting call runs: an exception then means QEMU has no -semihosting.</summary>
    internal static bool IsCallInProgress => s_callInProgress;

    internal static void Exit(int exitCode)
    {
        s_callInProgress = true;
        ulong* parameters = stackalloc ulong[2];
        parameters[0] = ApplicationExit;
        parameters[1] = (ulong)(uint)exitCode;
        Arch.SemihostCall(SysExit, (ulong)parameters);
        s_callInProgress = false;
    }
}
