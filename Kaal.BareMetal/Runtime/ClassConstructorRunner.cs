using System.Runtime.InteropServices;

namespace System.Runtime.CompilerServices;

/// <summary>
/// Lazy static constructors: ILC calls these before the first access to a class whose constructor it
/// could not pre-initialize at build time. Single-threaded kernel: the constructor address is cleared
/// before the call, so a cycle of constructors terminates (as in the real runtime, a class seen mid-
/// construction by its own cycle is just used).
/// </summary>
internal static unsafe class ClassConstructorRunner
{
    private static object CheckStaticClassConstructionReturnGCStaticBase(StaticClassConstructionContext* context, object gcStaticBase)
    {
        EnsureClassConstructorRun(context);
        return gcStaticBase;
    }

    private static nint CheckStaticClassConstructionReturnNonGCStaticBase(StaticClassConstructionContext* context, nint nonGcStaticBase)
    {
        EnsureClassConstructorRun(context);
        return nonGcStaticBase;
    }

    private static void EnsureClassConstructorRun(StaticClassConstructionContext* context)
    {
        nint constructor = context->cctorMethodAddress;
        if (constructor == 0)
        {
            return;
        }
        context->cctorMethodAddress = 0;
        ((delegate*<void>)constructor)();
    }
}

/// <summary>Per-class constructor state ILC emits next to the non-GC statics: the constructor to run, or 0.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct StaticClassConstructionContext
{
    public nint cctorMethodAddress;
}
