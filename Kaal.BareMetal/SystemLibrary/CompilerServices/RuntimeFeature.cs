namespace System.Runtime.CompilerServices;

/// <summary>
/// The C# compiler enables language features by the presence of these fields in the system library.
/// Each listed feature works under ILC without a runtime.
/// </summary>
public static class RuntimeFeature
{
    public const string ByRefFields = nameof(ByRefFields);
    public const string NumericIntPtr = nameof(NumericIntPtr);
    public const string UnmanagedSignatureCallingConvention = nameof(UnmanagedSignatureCallingConvention);
    public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);
    public const string VirtualStaticsInInterfaces = nameof(VirtualStaticsInInterfaces);
    public const string CovariantReturnsOfClasses = nameof(CovariantReturnsOfClasses);
}
