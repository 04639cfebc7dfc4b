using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Which thread the EL0 exit path resumes (<see cref="ThreadResume"/>: where its registers live, its TTBR0
/// value, its TPIDR_EL0) and whether it owns the FP/SIMD registers (else its FP/SIMD access traps; Boot/vectors.S
/// explains the lazy switch). When the thread changes, <see cref="Previous"/> tells the exit path to move
/// TPIDR_EL0 from the CPU into it and from <see cref="Current"/> into the CPU. The one
/// instance is kaal_user_resume in Boot/vectors.S, which reads it at every exit and saves the thread's
/// registers through it at the next entry; offsets must match RESUME_* there.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UserResume
{
    internal ThreadResume* Current;
    /// <summary>After a switch, the thread that ran before (a scratch record in some cases); the exit path
    /// clears it once TPIDR_EL0 has moved. Null: the same thread as at the last exit.</summary>
    internal ThreadResume* Previous;
    /// <summary>CPACR_EL1 for the thread: FP/SIMD access at EL0 trapped unless it is the FP/SIMD owner (never at
    /// EL1). The owner's q16/q17 are also saved at entry and loaded at exit.</summary>
    internal ulong ArchitecturalFeatureAccess;
}
