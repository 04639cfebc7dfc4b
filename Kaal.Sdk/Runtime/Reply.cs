namespace Kaal.Sdk.Runtime;

/// <summary>A service's answer to a Call; <see cref="None"/> for a Send (or a notification) that wants none.</summary>
public readonly record struct Reply(bool Present, ulong Label, ulong Mr0 = 0, ulong Mr1 = 0)
{
    public static Reply None => default;

    public static Reply With(ulong label, ulong mr0 = 0, ulong mr1 = 0) => new(true, label, mr0, mr1);
}
