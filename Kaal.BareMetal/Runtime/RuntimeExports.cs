using Internal.Runtime;
using Kaal.Kernel.Arm64.Boot;

namespace System.Runtime;

/// <summary>
/// Boxing helpers ILC requires by name. Boxing allocates, and the kernel heap never frees: a box on a
/// kernel path would leak on every call. So kernel code must not box, and these panic if it does.
/// </summary>
internal static unsafe class RuntimeExports
{
    private static object RhBox(MethodTable* type, ref byte data) => Unsupported("boxing");

    private static ref byte RhUnbox2(MethodTable* type, object obj)
    {
        Unsupported("unboxing");
        return ref *(byte*)null;
    }

    private static void RhUnboxNullable(ref byte data, MethodTable* type, object? obj) => Unsupported("unboxing to Nullable<T>");

    private static void RhUnboxTypeTest(MethodTable* type, MethodTable* boxType) => Unsupported("unboxing type test");

    private static object Unsupported(string what)
    {
        KernelPanic.Halt(what);
        return null!;
    }
}
