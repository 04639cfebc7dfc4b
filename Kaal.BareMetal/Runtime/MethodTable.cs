using System.Runtime.InteropServices;

namespace Internal.Runtime;

/// <summary>
/// The prefix of ILC's per-type descriptor that the allocator and the statics initializer read.
/// Layout fixed by ILC: flags (low 16 bits = component size for arrays and strings), base size, ...
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MethodTable
{
    /// <summary>Low 16 bits: size of one array element in bytes (0 for non-arrays).</summary>
    internal uint Flags;
    /// <summary>Bytes of a minimal instance: object header, MethodTable pointer, fields (and array length).</summary>
    internal uint BaseSizeBytes;

    internal uint ComponentSizeBytes => Flags & 0xFFFF;
}
