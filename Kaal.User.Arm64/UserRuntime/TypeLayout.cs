using System.Runtime.CompilerServices;

namespace Kaal.User.Arm64;

/// <summary>
/// ILC's MethodTable (the .NET 10 layout) as the user runtime's casts and interface dispatch read it. Fixed part:
/// flags (+0), base size (+4), related type (+8: the base type, or an array's element type), vtable slot count (+16),
/// interface count (+18), hash (+20); then the vtable (8 bytes a slot), the interface map (8 bytes an interface, the
/// inherited ones included), and 32-bit relative pointers: type manager, writable data, then the dispatch map if the
/// flags say so, the finalizer if any, the sealed virtual slots if any. Relative pointers count from their own address.
/// </summary>
internal static unsafe class TypeLayout
{
    private const int VtableOffset = 24;
    private const uint KindMask = 0x0003_0000;
    private const uint ParameterizedKind = 0x0002_0000;
    private const uint HasDispatchMapFlag = 0x0004_0000;
    private const uint HasFinalizerFlag = 0x0010_0000;
    private const uint HasSealedVirtualSlotsFlag = 0x0040_0000;

    internal static byte* TypeOf(object obj) => *(byte**)Unsafe.As<object, nint>(ref obj);

    /// <summary>Arrays (and pointers, which are never objects) are "parameterized": their related type is the element
    /// type, not a base type.</summary>
    internal static bool IsParameterized(byte* type) => (Flags(type) & KindMask) == ParameterizedKind;

    /// <summary>The base type of a class, null for Object (and for arrays: see <see cref="IsParameterized"/>).</summary>
    internal static byte* BaseTypeOf(byte* type) => *(byte**)(type + 8);

    internal static ushort VtableSlotCount(byte* type) => *(ushort*)(type + 16);

    internal static ushort InterfaceCount(byte* type) => *(ushort*)(type + 18);

    internal static nint VtableSlot(byte* type, int slot) => ((nint*)(type + VtableOffset))[slot];

    internal static byte** InterfaceMap(byte* type) => (byte**)(type + VtableOffset + VtableSlotCount(type) * 8);

    /// <summary>The type's dispatch map (interface method → implementing slot), null when it implements no interface method.</summary>
    internal static ushort* DispatchMapOf(byte* type) => (Flags(type) & HasDispatchMapFlag) == 0 ? null : (ushort*)Follow(DispatchMapField(type));

    /// <summary>Entry <paramref name="index"/> of the type's sealed virtual slots: virtual methods no derived type can
    /// override (interface implementations that are not in the vtable, default interface methods).</summary>
    internal static nint SealedVirtualSlot(byte* type, int index)
    {
        if ((Flags(type) & HasSealedVirtualSlotsFlag) == 0) return 0;
        int* field = DispatchMapField(type);
        if ((Flags(type) & HasDispatchMapFlag) != 0) field++;
        if ((Flags(type) & HasFinalizerFlag) != 0) field++;
        return (nint)Follow((int*)Follow(field) + index);
    }

    private static uint Flags(byte* type) => *(uint*)type;

    /// <summary>Where the dispatch map's relative pointer is (or would be): after the type manager and writable data.</summary>
    private static int* DispatchMapField(byte* type) => (int*)(InterfaceMap(type) + InterfaceCount(type)) + 2;

    private static byte* Follow(int* relative) => (byte*)relative + *relative;
}
