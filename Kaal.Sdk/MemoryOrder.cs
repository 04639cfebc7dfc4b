namespace Kaal.Sdk;

/// <summary>How a shared-memory access is ordered with respect to other accesses (AArch64: plain LDR/STR,
/// LDAR, STLR). Under the simulator's ARMv8 model (docs/weak-memory.md) a plain access may be observed out of
/// order by other cores; an acquire load orders every later access after it, a release store orders every
/// earlier access before it, and an acquire after a release of the same thread stays after it (RCsc).</summary>
public enum MemoryOrder : byte
{
    Plain = 0,
    Acquire = 1,
    Release = 2,
}
