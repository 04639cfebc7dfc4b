namespace Kaal.Sdk.Registry;

/// <summary>One capability a component is granted, decoded from the registry.</summary>
public readonly record struct Grant(GrantKind Kind, uint Role, string Name, ulong A, ulong B);
