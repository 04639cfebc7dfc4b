namespace Kaal.Sdk.Discovery;

/// <summary>A message label a component declared with <see cref="Runtime.KaalMessageLabelAttribute"/>.</summary>
public sealed record DeclaredMessageLabel(ulong Label, string Name, bool Reply);
