using System;
using System.Globalization;

namespace Kaal.Sim.Strategies;

/// <summary>
/// One entry of a schedule's decision list: either a Model thread number (which thread runs) or an
/// alternative of a <see cref="ChoiceKind"/> choice, tagged in the top bits so that both kinds live in one
/// ordered list that replay consumes front to back. In trace files a thread is a number and an alternative a
/// string such as <c>"read-from:1"</c>.
/// </summary>
public static class Decision
{
    private const uint AlternativeFlag = 0x8000_0000;
    private const int KindShift = 24;
    private const uint IndexMask = 0x00FF_FFFF;

    public static uint Alternative(ChoiceKind kind, int index)
    {
        if ((uint)index > IndexMask) throw new ArgumentOutOfRangeException(nameof(index), index, "alternative index out of range");
        return AlternativeFlag | ((uint)kind << KindShift) | (uint)index;
    }

    public static bool IsAlternative(uint decision) => (decision & AlternativeFlag) != 0;

    public static ChoiceKind KindOf(uint decision) => (ChoiceKind)((decision & ~AlternativeFlag) >> KindShift);

    public static int IndexOf(uint decision) => (int)(decision & IndexMask);

    public static string Name(ChoiceKind kind) => kind switch
    {
        ChoiceKind.ReadFrom => "read-from",
        ChoiceKind.Promise => "promise",
        ChoiceKind.PromiseTarget => "promise-target",
        ChoiceKind.Crash => "crash",
        ChoiceKind.DelayInterrupt => "delay-interrupt",
        ChoiceKind.DuplicateInterrupt => "duplicate-interrupt",
        ChoiceKind.TimerJitter => "timer-jitter",
        ChoiceKind.RetypeExhaustion => "retype-exhaustion",
        _ => $"choice-{(byte)kind}",
    };

    /// <summary>"3" for thread 3, "read-from:1" for an alternative.</summary>
    public static string Format(uint decision) =>
        IsAlternative(decision) ? $"{Name(KindOf(decision))}:{IndexOf(decision)}" : decision.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an alternative written by <see cref="Format"/> ("read-from:1").</summary>
    public static bool TryParseAlternative(string text, out uint decision)
    {
        decision = 0;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || (uint)index > IndexMask) return false;
        string name = text[..colon];
        foreach (ChoiceKind kind in Enum.GetValues<ChoiceKind>())
        {
            if (Name(kind) != name) continue;
            decision = Alternative(kind, index);
            return true;
        }
        return false;
    }
}
