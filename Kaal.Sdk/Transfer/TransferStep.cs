namespace Kaal.Sdk.Transfer;

/// <summary>The receiver's decision on one line: what to do, and the answer line when the receiver knows it already.</summary>
public readonly record struct TransferStep(TransferStepKind Kind, string? Answer = null);
