using System.Collections.Generic;
using System.Text;

namespace Kaal.Hil.Suites;

/// <summary>Lines joined into at most a given number of characters for a report: the beginning and the end are kept
/// (where a run starts and where it went wrong), the middle is replaced by a marker saying how much was cut.</summary>
public static class CappedText
{
    public static string Join(IReadOnlyList<string> lines, int maxChars)
    {
        long total = 0;
        foreach (string line in lines)
        {
            total += line.Length + 1;
        }
        if (total <= maxChars + 1)
        {
            return string.Join('\n', lines);
        }
        int headBudget = maxChars / 4;
        int tailBudget = maxChars - headBudget;
        var head = new StringBuilder();
        int first = 0;
        while (first < lines.Count && head.Length + lines[first].Length + 1 <= headBudget)
        {
            head.Append(lines[first++]).Append('\n');
        }
        var tail = new List<string>();
        int tailChars = 0;
        int last = lines.Count - 1;
        while (last >= first && tailChars + lines[last].Length + 1 <= tailBudget)
        {
            tailChars += lines[last].Length + 1;
            tail.Add(lines[last--]);
        }
        tail.Reverse();
        int cutLines = last - first + 1;
        long cutChars = total - head.Length - tailChars;
        head.Append($"[... {cutLines} lines ({cutChars} characters) cut: the report keeps {maxChars} characters of output ...]");
        foreach (string line in tail)
        {
            head.Append('\n').Append(line);
        }
        return head.ToString();
    }
}
