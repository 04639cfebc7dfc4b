namespace Kaal.Sdk;

/// <summary>Which accesses a memory barrier orders (AArch64 DMB in the inner-shareable domain, where every
/// core of the system lives).</summary>
public enum BarrierKind : byte
{
    /// <summary>DMB ISH: every access before it is ordered before every access after it.</summary>
    Full = 0,
    /// <summary>DMB ISHLD: loads before it are ordered before loads and stores after it.</summary>
    Loads = 1,
    /// <summary>DMB ISHST: stores before it are ordered before stores after it.</summary>
    Stores = 2,
}
