namespace Kaal.Sim.Runtime;

/// <summary>A component the world builder made: its thread and where its objects' capabilities sit in
/// the root CNode; <see cref="NextCptr"/> is the next free slot of its own CSpace.</summary>
public sealed class WorldComponent(string name, uint tcbSlot, uint cnodeSlot, uint vspaceSlot)
{
    public string Name { get; } = name;

    public uint TcbSlot { get; } = tcbSlot;

    public uint CNodeSlot { get; } = cnodeSlot;

    public uint VSpaceSlot { get; } = vspaceSlot;

    public ulong NextCptr { get; internal set; } = 1;
}
