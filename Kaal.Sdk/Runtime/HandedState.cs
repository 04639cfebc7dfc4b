namespace Kaal.Sdk.Runtime;

/// <summary>
/// The state a component hands its successor when it is replaced (docs/hot-reload.md): a version the successor checks
/// (its own format's number; 0 means "nothing was handed over": the predecessor was killed at the stop deadline, or it
/// saved nothing) and three words, carried in one message to system_init and in the successor's arguments page.
/// </summary>
public readonly record struct HandedState(uint Version, ulong Word0, ulong Word1, ulong Word2)
{
    public static HandedState None => default;

    public bool IsNone => Version == 0;
}
