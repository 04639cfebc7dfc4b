namespace Kaal.Sdk.Runtime;

/// <summary>A service's answer to a Call; <see cref="None"/> for a Send (or a notification) that wants none.
/// <see cref="Words"/> message registers travel (2, or 4 for <see cref="WithWords"/>).</summary>
public readonly record struct Reply(bool Present, ulong Label, ulong Mr0 = 0, ulong Mr1 = 0, ulong Mr2 = 0, ulong Mr3 = 0, int Words = 2)
{
    public static Reply None => default;

    /// <summary>An answer with label 0 and no message registers: "done".</summary>
    public static Reply Empty => new(true, 0, Words: 0);

    public static Reply With(ulong label, ulong mr0 = 0, ulong mr1 = 0) => new(true, label, mr0, mr1);

    /// <summary>An answer that fills all four message registers (a chunk of data).</summary>
    public static Reply WithWords(ulong label, ulong mr0, ulong mr1, ulong mr2, ulong mr3) => new(true, label, mr0, mr1, mr2, mr3, 4);
}
