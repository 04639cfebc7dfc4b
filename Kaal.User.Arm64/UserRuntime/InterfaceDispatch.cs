using System.Runtime;

namespace Kaal.User.Arm64;

/// <summary>
/// Interface calls ILC cannot devirtualize (two implementations in the image, or a generic interface over a reference
/// type) go through a dispatch cell in .data: { stub, cache }. The call site loads the cell's address into x11 and
/// calls its stub with `this` in x0. ILC emits every stub as RhpInitialDynamicInterfaceDispatch
/// (interface_dispatch.S), which keeps the argument registers and asks <see cref="Resolve"/> for the code to run.
/// Every call is resolved again (no cache is written into the cell): a walk over a few dispatch map entries, cheap
/// next to the syscalls these calls surround, and no cell is ever modified, so nothing can be observed half-written.
/// A cell's cache word, as ILC 10 emits it: low two bits 3, the rest a 32-bit offset from the cache word to the
/// interface's MethodTable. Cells are grouped by interface slot; the group ends with a cell whose stub is 0 and whose
/// cache word holds the slot (low 16 bits) and the cell kind (bits 16..31, 0 = interface and slot).
/// </summary>
internal static unsafe class InterfaceDispatch
{
    private const ulong CellKindMask = 3;
    private const ulong InterfaceRelativeCell = 3;
    private const ulong InterfaceAndSlotGroup = 0;
    /// <summary>Dispatch map targets from here up are not code: 0xFFFE an ambiguous default method (diamond), 0xFFFF a
    /// reabstracted one.</summary>
    private const int FirstSpecialSlot = 0xFFFE;
    private const int DispatchMapHeaderWords = 4;
    private const int DispatchMapEntryWords = 3;

    [RuntimeExport("kaal_resolve_interface_call")]
    private static nint Resolve(object target, ulong* cell)
    {
        byte* interfaceType = InterfaceOf(cell);
        ushort slot = SlotOf(cell);
        byte* type = TypeLayout.TypeOf(target);
        // As the CLR does: an implementation in the type's hierarchy wins over a default interface method.
        nint code = Find(type, interfaceType, slot, defaultImplementations: false);
        if (code == 0) code = Find(type, interfaceType, slot, defaultImplementations: true);
        if (code == 0) Fail("no implementation of an interface method for this object (variant interface calls are not resolved at EL0)");
        return code;
    }

    private static byte* InterfaceOf(ulong* cell)
    {
        ulong cache = cell[1];
        if ((cache & CellKindMask) != InterfaceRelativeCell) Fail("an interface dispatch cell of a kind ILC was not seen to emit");
        return (byte*)(((ulong)&cell[1] + (ulong)(long)(int)cache) & ~CellKindMask);
    }

    private static ushort SlotOf(ulong* cell)
    {
        ulong* end = cell;
        while (end[0] != 0) end += 2;
        if ((end[1] >> 16) != InterfaceAndSlotGroup) Fail("an interface dispatch cell group that is not interface-and-slot");
        return (ushort)end[1];
    }

    /// <summary>Walks from the object's type up its base types. An array's own map covers its interfaces
    /// (UserLibrary's Array&lt;T&gt;); System.Array implements none, so the walk ends there.</summary>
    private static nint Find(byte* type, byte* interfaceType, ushort slot, bool defaultImplementations)
    {
        for (byte* current = type; current != null; current = TypeLayout.IsParameterized(current) ? null : TypeLayout.BaseTypeOf(current))
        {
            int implementation = ImplementingSlot(current, interfaceType, slot, defaultImplementations);
            if (implementation < 0) continue;
            if (implementation >= FirstSpecialSlot) Fail("an ambiguous or reabstracted default interface method was called");
            ushort vtableSlots = TypeLayout.VtableSlotCount(current);
            // A vtable slot is read from the object's own type: a derived class may have overridden it.
            nint code = implementation < vtableSlots
                ? TypeLayout.VtableSlot(type, implementation)
                : TypeLayout.SealedVirtualSlot(current, implementation - vtableSlots);
            if (code == 0) Fail("an interface method ILC did not compile was called");
            return code;
        }
        return 0;
    }

    /// <summary>The slot <paramref name="type"/>'s own dispatch map gives the interface method, or -1. Its entries are
    /// (index into the type's interface map, interface slot, implementing slot), after a header of four counts:
    /// implementations, default implementations, then the static-virtual ones (never called through a cell).</summary>
    private static int ImplementingSlot(byte* type, byte* interfaceType, ushort slot, bool defaultImplementations)
    {
        ushort* map = TypeLayout.DispatchMapOf(type);
        if (map == null) return -1;
        int first = defaultImplementations ? map[0] : 0;
        int end = defaultImplementations ? map[0] + map[1] : map[0];
        byte** interfaces = TypeLayout.InterfaceMap(type);
        for (int index = first; index < end; index++)
        {
            ushort* entry = map + DispatchMapHeaderWords + index * DispatchMapEntryWords;
            if (entry[1] == slot && interfaces[entry[0]] == interfaceType) return entry[2];
        }
        return -1;
    }

    private static void Fail(string reason) => UserFailure.Stop(UserFailure.ComponentName, reason);
}
