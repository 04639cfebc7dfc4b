using System.Runtime.InteropServices;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The context Boot/vectors.S saves on exception entry; offsets must match FRAME_* there.
/// General registers x0..x30 occupy bytes 0..247 (read them with <see cref="GeneralRegister"/>);
/// FP/SIMD registers follow the system registers and are only restored, never inspected.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = SizeBytes)]
internal struct ExceptionFrame
{
    internal const int SizeBytes = 816;
    internal const int GeneralRegisterCount = 31;

    [FieldOffset(248)] internal ulong StackPointer;
    [FieldOffset(256)] internal ulong ExceptionLinkRegister;
    [FieldOffset(264)] internal ulong SavedProgramStatus;
    [FieldOffset(272)] internal ulong ExceptionSyndrome;
    [FieldOffset(280)] internal ulong FaultAddress;

    internal static unsafe ulong GeneralRegister(ExceptionFrame* frame, int index) => ((ulong*)frame)[index];
}
