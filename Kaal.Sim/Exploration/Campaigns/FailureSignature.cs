using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kaal.Sim.Exploration.Campaigns;

/// <summary>
/// What makes two failures the same bug for a campaign: the outcome and the failure message with every number
/// replaced by '#' (so "expected item 3, got 0" and "expected item 7, got 4" are one bug), and for a deadlock
/// also who waits for what (the wait-for graph, normalised the same way), since every deadlock has the same
/// message.
/// </summary>
public static partial class FailureSignature
{
    public static string Of(string outcome, string message, string report)
    {
        string signature = $"{outcome}: {Normalize(message)}";
        if (outcome != "Deadlock") return signature;
        string[] waits = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return signature + " | " + string.Join("; ", waits.Select(Normalize));
    }

    private static string Normalize(string text) => Numbers().Replace(text, match => match.Value.StartsWith("0x", StringComparison.Ordinal) ? "0x#" : "#");

    [GeneratedRegex("0x[0-9A-Fa-f]+|[0-9]+")]
    private static partial Regex Numbers();
}
