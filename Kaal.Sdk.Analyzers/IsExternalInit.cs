namespace System.Runtime.CompilerServices;

/// <summary>What the compiler needs for records' init accessors; netstandard2.0 (the analyzer's target, which every
/// compiler can load) does not have it.</summary>
internal static class IsExternalInit;
