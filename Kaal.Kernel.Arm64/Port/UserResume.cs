using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Which thread the EL0 exit path resumes and where its state lives: the Model's own register and
/// FP/SIMD blocks of that thread (saved into and loaded from in place, no copy), its TTBR0 value, the word
/// that keeps its TPIDR_EL0, and whether it owns the FP/SIMD registers (else EL0 FP/SIMD access traps; Boot/vectors.S
/// explains the lazy switch). When the thread changes, <see cref="SwitchPending"/> tells the exit path to
/// move TPIDR_EL0. The one instance is kaal_user_resume in Boot/vectors.S, which reads it at every exit and
/// saves the thread's registers through it at the next entry; offsets must match RESUME_* there.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UserResume
{
    internal ulong* Registers;
    internal ulong* FpState;
    internal ulong TranslationBase;
    internal ulong* ThreadPointer;
    /// <summary>Where the previous thread's TPIDR_EL0 goes (a scratch word if it is gone).</summary>
    internal ulong* PreviousThreadPointer;
    internal ulong SwitchPending;
    /// <summary>Nonzero: the thread is the FP/SIMD owner (its q16/q17 are saved at entry and loaded at exit,
    /// and its FP/SIMD instructions do not trap).</summary>
    internal ulong FpOwned;
}
