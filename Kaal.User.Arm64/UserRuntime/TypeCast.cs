using System.Runtime.CompilerServices;
using Kaal.User.Arm64;

namespace System.Runtime;

/// <summary>
/// The cast helpers ILC calls by name, for the user runtime (the kernel's panic: kernel code never casts; the SDK and
/// the components do: `is string`, `is IEquatable&lt;T&gt;`, records' `as R`, arrays of references). They read ILC's
/// MethodTable (<see cref="TypeLayout"/>): a class matches itself or a base type, an interface matches an entry of the
/// object's interface map (which lists inherited interfaces too). Generic variance is not applied: every cast in
/// this code base is to an exact instantiation.
/// </summary>
internal static unsafe class TypeCast
{
    private static object? IsInstanceOfAny(void* targetType, object? obj) =>
        obj is null || Implements(obj, targetType) || DerivesFrom(obj, targetType) ? obj : null;

    private static object? IsInstanceOfInterface(void* targetType, object? obj) => obj is null || Implements(obj, targetType) ? obj : null;

    private static object? IsInstanceOfClass(void* targetType, object? obj) => obj is null || DerivesFrom(obj, targetType) ? obj : null;

    private static bool IsInstanceOfException(void* targetType, object? obj)
    {
        UserFailure.Stop(UserFailure.ComponentName, "a catch filter ran (there is no unwinder at EL0)");
        return false;
    }

    private static object CheckCastAny(void* targetType, object obj) => Checked(IsInstanceOfAny(targetType, obj), obj);

    private static object CheckCastInterface(void* targetType, object obj) => Checked(IsInstanceOfInterface(targetType, obj), obj);

    private static object CheckCastClass(void* targetType, object obj) => Checked(IsInstanceOfClass(targetType, obj), obj);

    private static object CheckCastClassSpecial(void* targetType, object obj) => Checked(IsInstanceOfClass(targetType, obj), obj);

    /// <summary>Stores into an array of references. No array covariance check: no code here stores through an array
    /// typed as a base of its element type (there is no GC either, so no write barrier is needed).</summary>
    private static void StelemRef(object?[] array, nint index, object? obj) => *(nint*)ElementAddress(array, index) = Unsafe.As<object?, nint>(ref obj);

    private static ref object? LdelemaRef(object?[] array, nint index, void* elementType) => ref Unsafe.As<byte, object?>(ref *(byte*)ElementAddress(array, index));

    private static nint ElementAddress(object?[] array, nint index)
    {
        if ((nuint)index >= (nuint)array.Length) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
        return Unsafe.As<object?[], nint>(ref array) + 16 + index * 8;
    }

    private static object Checked(object? cast, object obj)
    {
        if (cast is null && obj is not null) Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowInvalidCastException();
        return obj!;
    }

    /// <summary>The object's type or one of its base types is <paramref name="targetType"/>. An array's related type
    /// is its element type, not a base, so an array matches only its own type.</summary>
    private static bool DerivesFrom(object obj, void* targetType)
    {
        byte* type = TypeLayout.TypeOf(obj);
        if (type == targetType) return true;
        if (TypeLayout.IsParameterized(type)) return false;
        for (type = TypeLayout.BaseTypeOf(type); type != null; type = TypeLayout.BaseTypeOf(type))
        {
            if (type == targetType) return true;
        }
        return false;
    }

    private static bool Implements(object obj, void* interfaceType)
    {
        byte* type = TypeLayout.TypeOf(obj);
        ushort interfaces = TypeLayout.InterfaceCount(type);
        byte** map = TypeLayout.InterfaceMap(type);
        for (int index = 0; index < interfaces; index++)
        {
            if (map[index] == interfaceType) return true;
        }
        return false;
    }
}
