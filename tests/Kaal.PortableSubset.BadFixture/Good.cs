using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kaal.PortableSubset.BadFixture;

// The legitimate patterns of the portable subset, compiled by the same compiler with the same
// settings as Kaal.Model. PortableSubsetCheckerTests asserts the checker reports nothing in here,
// so the allow-list is known to cover what kernel code is expected to write.

[Flags]
public enum GoodRights : byte { None = 0, Read = 1, Write = 2, Grant = 4, GrantReply = 8, All = 15 }

public enum GoodError { None, InvalidArgument, RangeError }

public readonly struct GoodRef : IGoodPort
{
    public readonly uint Index;
    public readonly uint Generation;
    public GoodRef(uint index, uint generation) { Index = index; Generation = generation; }
    public bool IsNull => Generation == 0;
    public uint Tag { get; init; }
    public ulong Read(in GoodRef other) => other.Index;
    public static bool operator ==(GoodRef a, GoodRef b) => a.Index == b.Index && a.Generation == b.Generation;
    public static bool operator !=(GoodRef a, GoodRef b) => !(a == b);
    public override bool Equals(object? obj) => obj is GoodRef r && r == this;
    public override int GetHashCode() => (int)(Index ^ (Generation << 16));
}

public interface IGoodPort
{
    ulong Read(in GoodRef other);
}

public unsafe struct GoodSlot
{
    public GoodRef Object;
    public GoodRights Rights;
    public fixed ulong Words[4];
    public nint Native;
    public delegate* managed<int, int> Hook;
}

public ref struct GoodCursor
{
    public ref GoodSlot Current;
}

public sealed class GoodTable<TPort> where TPort : struct, IGoodPort
{
    private static readonly byte[] Sizes = { 4, 5, 6, 9, 12, 16 };
    private readonly GoodSlot[] _slots;
    private TPort _port;
    private int _count;

    public GoodTable(int capacity, TPort port)
    {
        _slots = new GoodSlot[capacity];
        _port = port;
    }

    public int this[int i] => Sizes[i];

    public GoodError Insert(GoodRef r, GoodRights rights, out int index)
    {
        index = -1;
        if (_count >= _slots.Length) return GoodError.RangeError;
        ref GoodSlot slot = ref _slots[_count];
        slot.Object = r;
        slot.Rights = rights & GoodRights.All;
        _port.Read(in r);
        index = _count++;
        return GoodError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int index, [NotNullWhen(true)] out GoodSlot[]? slots)
    {
        slots = index < _count ? _slots : null;
        return slots != null;
    }

    public static unsafe ulong Sum<T>(T* values, int n) where T : unmanaged
    {
        ulong s = 0;
        for (int i = 0; i < n; i++) s += (ulong)sizeof(T);
        ulong* scratch = stackalloc ulong[4];
        scratch[0] = s;
        return scratch[0] + (ulong)(nuint)values;
    }

    public static int Scoped(scoped ref GoodCursor c) => c.Current.Rights == GoodRights.None ? 0 : 1;
}

public static class GoodExtensions
{
    public static bool Has(this GoodRights rights, GoodRights r) => (rights & r) == r;
}

public abstract class GoodBase
{
    public abstract int Kind { get; }
    public virtual int Size => 0;
}

public sealed class GoodDerived : GoodBase
{
    public override int Kind => 1;
    public override int Size => base.Size + 1;
}
