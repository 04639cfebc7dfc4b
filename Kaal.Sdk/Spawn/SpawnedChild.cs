namespace Kaal.Sdk.Spawn;

/// <summary>What the spawner keeps of a running child: the slots in its own CSpace that hold the child's
/// capabilities (so teardown can give them back) and its TCB.</summary>
public sealed class SpawnedChild(ulong processUntypedCptr, ulong tcbCptr, ulong[] ownSlots, ulong statePageCptr = 0)
{
    public ulong ProcessUntypedCptr { get; } = processUntypedCptr;

    public ulong TcbCptr { get; } = tcbCptr;

    /// <summary>Slots derived for this child that are not retyped from its process untyped (badged copies).</summary>
    public ulong[] OwnSlots { get; } = ownSlots;

    /// <summary>The frame of its state page (<see cref="Runtime.StatePage"/>), retyped from its process untyped; 0: none.</summary>
    public ulong StatePageCptr { get; } = statePageCptr;
}
