namespace Kaal.Model;

/// <summary>
/// Layout of a thread's saved AArch64 user context in the thread table: x0-x30, sp, pc, pstate, then
/// the FP/SIMD state (q0-q31, fpsr, fpcr) kept as opaque words the kernel only saves and restores.
/// </summary>
public static class UserContext
{
    public const int X0 = 0;
    public const int X8 = 8;
    public const int X30 = 30;
    public const int Sp = 31;
    public const int Pc = 32;
    public const int Pstate = 33;
    public const int RegisterCount = 34;
    /// <summary>32 128-bit vector registers as two words each, then FPSR and FPCR.</summary>
    public const int FpWordCount = 32 * 2 + 2;
}
