namespace System;

/// <summary>Min and Max for the integer types the SDK sizes things with.</summary>
public static class Math
{
    public static int Min(int left, int right) => left <= right ? left : right;

    public static ulong Min(ulong left, ulong right) => left <= right ? left : right;

    public static int Max(int left, int right) => left >= right ? left : right;

    public static ulong Max(ulong left, ulong right) => left >= right ? left : right;

    // ILC asks for these by name whenever code has a checked conversion (conv.ovf), to convert floating point;
    // integer sources are checked inline. This system library has no floating-point types, so they are never called.
    private static int ConvertToInt32Checked() => FloatingPointConversion();

    private static int ConvertToUInt32Checked() => FloatingPointConversion();

    private static int ConvertToInt64Checked() => FloatingPointConversion();

    private static int ConvertToUInt64Checked() => FloatingPointConversion();

    private static int FloatingPointConversion()
    {
        Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("checked floating-point conversion (no floating point at EL0)");
        return 0;
    }
}
