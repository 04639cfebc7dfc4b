using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// Which thread the EL0 exit path resumes and where its state lives: the Model's own register and
/// FP/SIMD blocks of that thread (saved into and loaded from in place, no copy), and its TTBR0 value.
/// The one instance is kaal_user_resume in Boot/vectors.S, which reads it at every exit and saves the
/// thread's registers through it at the next entry; offsets must match RESUME_* there.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UserResume
{
    internal ulong* Registers;
    internal ulong* FpState;
    internal ulong TranslationBase;
}
