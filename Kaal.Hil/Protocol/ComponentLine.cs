using System;

namespace Kaal.Hil.Protocol;

/// <summary>
/// A console line a component printed: Kaal.Sdk's console prefixes each line with `[name] `, where name is a
/// manifest component name (`[a-z][a-z0-9_]*`, docs/manifest.md). Holding to that rule is what keeps kernel
/// boot lines, QEMU's messages and bracketed noise (`[    0.1]`, `[OK]`) from passing for a component's output.
/// </summary>
public readonly record struct ComponentLine(string Component, string Text)
{
    /// <summary>"[name] text" into its parts; false for anything else.</summary>
    public static bool TryParse(string line, out ComponentLine parsed)
    {
        parsed = default;
        int close = line.IndexOf("] ", StringComparison.Ordinal);
        if (!line.StartsWith('[') || close < 2 || !IsComponentName(line.AsSpan(1, close - 1))) return false;
        parsed = new ComponentLine(line.Substring(1, close - 1), line.Substring(close + 2));
        return true;
    }

    public override string ToString() => $"[{Component}] {Text}";

    private static bool IsComponentName(ReadOnlySpan<char> name)
    {
        if (name[0] is < 'a' or > 'z') return false;
        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        }
        return true;
    }
}
