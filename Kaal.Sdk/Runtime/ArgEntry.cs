namespace Kaal.Sdk.Runtime;

/// <summary>One decoded entry of the arguments page: a capability (or a mapping) and what it is for.</summary>
public readonly record struct ArgEntry(ArgKind Kind, uint Role, string Name, ulong Cptr, ulong A, ulong B, ulong C);
