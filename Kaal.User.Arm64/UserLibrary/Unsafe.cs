#pragma warning disable CS8500 // pointers to T: Span over raw memory, as the BCL does
namespace System.Runtime.CompilerServices;

/// <summary>The one Unsafe method Span needs; ILC supplies its body (intrinsic), the IL here is never used.</summary>
public static unsafe class Unsafe
{
    [Intrinsic]
    public static ref T Add<T>(ref T source, int elementOffset) => ref *((T*)AsPointer(ref source) + elementOffset);

    [Intrinsic]
    public static void* AsPointer<T>(ref T value) => throw null!;
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class IsByRefLikeAttribute : Attribute
{
}
