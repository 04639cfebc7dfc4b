using Kaal.Kernel.Arm64.Boot;

namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// What compiled code calls where C# semantics demand an exception (array bounds, null dereference
/// checks, division by zero, checked overflow, ...). There is no unwinder and the Model never catches,
/// so each one is a kernel panic that names what went wrong.
/// </summary>
internal static class ThrowHelpers
{
    internal static void ThrowIndexOutOfRangeException() => KernelPanic.Halt("index out of range");

    internal static void ThrowNullReferenceException() => KernelPanic.Halt("null reference");

    internal static void ThrowDivideByZeroException() => KernelPanic.Halt("division by zero");

    internal static void ThrowOverflowException() => KernelPanic.Halt("arithmetic overflow");

    internal static void ThrowArgumentOutOfRangeException() => KernelPanic.Halt("argument out of range");

    internal static void ThrowArgumentException() => KernelPanic.Halt("invalid argument");

    internal static void ThrowPlatformNotSupportedException() => KernelPanic.Halt("platform not supported");

    internal static void ThrowNotImplementedException() => KernelPanic.Halt("not implemented");

    internal static void ThrowArrayTypeMismatchException() => KernelPanic.Halt("array type mismatch");

    internal static void ThrowInvalidCastException() => KernelPanic.Halt("invalid cast");

    internal static void ThrowFeatureBodyRemoved() => KernelPanic.Halt("method body removed by ILC");

    internal static void ThrowInstanceBodyRemoved() => KernelPanic.Halt("instance method body removed by ILC");

    internal static void ThrowTypeLoadException() => KernelPanic.Halt("type load failure");

    internal static void ThrowTypeLoadExceptionWithArgument() => KernelPanic.Halt("type load failure");
}
