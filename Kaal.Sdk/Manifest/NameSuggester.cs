using System;
using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

/// <summary>"did you mean" hints: the closest candidate by edit distance, if it is close enough to be a typo.</summary>
public static class NameSuggester
{
    /// <summary>The nearest candidate within max(1, length/3) edits (so short words need near-exact matches), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(word, candidate);
            if (distance < bestDistance) { best = candidate; bestDistance = distance; }
        }
        int allowed = Math.Max(1, Math.Max(word.Length, best?.Length ?? 0) / 3);
        return best is not null && bestDistance > 0 && bestDistance <= allowed ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or the empty string, to append to a message.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? closest = Closest(word, candidates);
        return closest is null ? "" : $"; did you mean '{closest}'?";
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions ("prioirty").</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return Math.Max(a.Length, b.Length);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
            }
        }
        return d[a.Length, b.Length];
    }
}
