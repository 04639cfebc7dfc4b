using System.Text.RegularExpressions;

namespace Kaal.Hil.Differential;

/// <summary>One reason a component's line depends on time rather than on logic: its name (docs/hil.md's table) and
/// the pattern that finds it in the line's text (after the `[name] ` prefix).</summary>
public sealed record TimingLineRule(string Name, Regex Pattern)
{
    public bool Matches(string text) => Pattern.IsMatch(text);
}
