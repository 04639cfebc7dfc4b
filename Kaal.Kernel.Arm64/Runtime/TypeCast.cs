using Kaal.Kernel.Arm64.Boot;

namespace System.Runtime;

/// <summary>
/// Cast helpers ILC requires by name. Kernel code has no class hierarchies to cast across (sealed
/// classes, structs, typed error codes), and casts that ILC can decide statically never call these; a
/// call that reaches them at run time is a bug, so it panics with the cast kind.
/// </summary>
internal static unsafe class TypeCast
{
    private static object? IsInstanceOfAny(void* targetType, object? obj) => Unsupported("is/as (any)");

    private static object? IsInstanceOfInterface(void* targetType, object? obj) => Unsupported("is/as (interface)");

    private static object? IsInstanceOfClass(void* targetType, object? obj) => Unsupported("is/as (class)");

    private static bool IsInstanceOfException(void* targetType, object? obj) => Unsupported("catch filter") != null;

    private static object CheckCastAny(void* targetType, object obj) => Unsupported("cast (any)");

    private static object CheckCastInterface(void* targetType, object obj) => Unsupported("cast (interface)");

    private static object CheckCastClass(void* targetType, object obj) => Unsupported("cast (class)");

    private static object CheckCastClassSpecial(void* targetType, object obj) => Unsupported("cast (class, special)");

    private static void StelemRef(object?[] array, nint index, object? obj) => Unsupported("store into an array of references");

    private static ref object? LdelemaRef(object?[] array, nint index, void* elementType)
    {
        Unsupported("address of an element of an array of references");
        return ref array[0];
    }

    private static object Unsupported(string what)
    {
        KernelPanic.Halt(what);
        return null!;
    }
}
