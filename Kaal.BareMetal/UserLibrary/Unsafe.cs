#pragma warning disable CS8500 // pointers to T: Span over raw memory, as the BCL does
namespace System.Runtime.CompilerServices;

/// <summary>The Unsafe methods Span, MemoryMarshal and Channel&lt;T&gt; need; ILC supplies their bodies (intrinsics
/// recognised by name), the IL here is never used.</summary>
public static unsafe class Unsafe
{
    [Intrinsic]
    public static ref T Add<T>(ref T source, int elementOffset) => ref *((T*)AsPointer(ref source) + elementOffset);

    [Intrinsic]
    public static void* AsPointer<T>(ref T value) => throw null!;

    [Intrinsic]
    public static int SizeOf<T>() => sizeof(T);

    [Intrinsic]
    public static ref TTo As<TFrom, TTo>(ref TFrom source) => throw null!;

    [Intrinsic]
    public static T As<T>(object? value) where T : class? => throw null!;
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class IsByRefLikeAttribute : Attribute
{
}
