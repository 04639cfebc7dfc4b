using System.Runtime.InteropServices;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// What the EL0 exit path needs of one thread-table entry, kept by the port beside the Model's tables so that
/// switching threads is pointing <see cref="UserResume"/> at another record: the Model's register and FP/SIMD
/// blocks of the entry (fixed addresses), the thread's TPIDR_EL0 while it is off the CPU (the Model does not
/// keep it), and its TTBR0 value with what it was computed for. A record belongs to one generation of its
/// entry; a new TCB in the entry starts afresh (TPIDR_EL0 = 0). Offsets must match THREAD_* in Boot/vectors.S.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ThreadResume
{
    internal ulong* Registers;
    internal ulong* FpState;
    internal ulong ThreadPointer;
    internal ulong TranslationBase;
    /// <summary>The VSpace and the page-table change count <see cref="TranslationBase"/> holds for.</summary>
    internal ObjectRef VSpace;
    internal ulong TableChanges;
    internal uint Generation;
}
