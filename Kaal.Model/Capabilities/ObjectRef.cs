namespace Kaal.Model;

/// <summary>
/// A reference to a kernel object: its index in the object table and the generation the entry had
/// when the reference was made. The entry's generation changes when the object is destroyed, so a
/// reference that outlives its object is detectably stale instead of silently naming a new object.
/// Generation 0 is never live: <c>default</c> is "no object".
/// </summary>
public readonly struct ObjectRef
{
    public readonly uint Index;
    public readonly uint Generation;

    public ObjectRef(uint index, uint generation)
    {
        Index = index;
        Generation = generation;
    }

    public bool IsNone => Generation == 0;

    /// <summary>The generation a table entry gets when it is freed: one more, skipping 0 (never live) on wrap.</summary>
    public static uint NextGeneration(uint generation) => generation == uint.MaxValue ? 1 : generation + 1;

    public bool SameAs(ObjectRef other) => Index == other.Index && Generation == other.Generation;
}
