namespace Kaal.Sdk.Manifest;

/// <summary>One thing wrong with a manifest. The reader and validator return lists of these instead of throwing,
/// so a user sees every problem in one run.</summary>
public sealed record ManifestProblem(SourceLocation Location, string Message)
{
    /// <summary>The compiler-style line `file:line:col: error: message` that editors and CI logs link to.</summary>
    public override string ToString() => $"{Location}: error: {Message}";
}
