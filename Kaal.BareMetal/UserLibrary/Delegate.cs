namespace System;

/// <summary>
/// The fields and constructor helper ILC's delegate code uses (by name): ILC lowers `new Func&lt;T&gt;(obj.M)` to a
/// call of <see cref="InitializeClosedInstance"/>, and generates each delegate type's Invoke as "call
/// _functionPointer with _firstParameter as this". Only closed instance delegates exist here (lambdas are
/// instance methods of their closure class, method groups are instance methods); a static or open delegate
/// is an ILC error naming the missing initializer, not a wrong call.
/// </summary>
public abstract partial class Delegate
{
#pragma warning disable CS0169, CS0649 // read by ILC-generated Invoke thunks
    internal object? _firstParameter;
    internal object? _helperObject;
    internal nint _extraFunctionPointerOrData;
    internal IntPtr _functionPointer;
#pragma warning restore CS0169, CS0649

    private void InitializeClosedInstance(object firstParameter, IntPtr functionPointer)
    {
        if (firstParameter is null) Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("delegate to an instance method of null");
        _functionPointer = functionPointer;
        _firstParameter = firstParameter;
    }
}
