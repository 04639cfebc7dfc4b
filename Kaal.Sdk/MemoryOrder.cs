namespace Kaal.Sdk;

/// <summary>How a shared-memory access is ordered with respect to other accesses (AArch64: plain LDR/STR,
/// LDAR, STLR). The simulator explores sequentially consistent interleavings today; weak-memory
/// exploration uses these orderings (issue "[8 of 8]").</summary>
public enum MemoryOrder : byte
{
    Plain = 0,
    Acquire = 1,
    Release = 2,
}
