using System;
using System.Buffers.Binary;

namespace Kaal.Sdk.Images;

/// <summary>
/// The read-only image store system_init loads new component versions from (docs/hot-reload.md): component images by
/// path. Layout, little-endian: a 16-byte header (magic `KAALIMG1`, entry count), then 64-byte entries (the path, ASCII
/// and zero-padded in 48 bytes; the image's offset and size in the store), then the images. Every offset is checked
/// against the store's length before it is used; nothing here throws.
/// </summary>
public static class ImageStore
{
    public const ulong Magic = 0x3147_4D49_4C41_414B; // "KAALIMG1"
    public const int HeaderBytes = 16;
    public const int CountOffset = 8;
    public const int EntryBytes = 64;
    public const int PathBytes = 48;
    public const int OffsetOffset = 48;
    public const int SizeOffset = 52;
    public const int MaxEntries = 64;

    /// <summary>The image stored at <paramref name="path"/>, or a failure naming the path (or what is wrong with the store).</summary>
    public static Outcome<ArraySegment<byte>> Find(byte[] store, string path)
    {
        Outcome<int> index = IndexOf(store, path);
        return index.Failed ? index.Failure : At(store, index.Value, $"'{path}'");
    }

    /// <summary>Which entry holds <paramref name="path"/>, or a failure naming the path (or what is wrong with the store).</summary>
    public static Outcome<int> IndexOf(byte[] store, string path)
    {
        Outcome<int> count = Count(store);
        if (count.Failed) return count;
        for (int index = 0; index < count.Value; index++)
        {
            if (PathIs(store.AsSpan(HeaderBytes + index * EntryBytes, PathBytes), path)) return index;
        }
        return new Failure($"no image at '{path}' in the image store");
    }

    /// <summary>The image of entry <paramref name="index"/> (from <see cref="IndexOf"/>), checked to lie inside the store.</summary>
    public static Outcome<ArraySegment<byte>> At(byte[] store, int index, string? name = null)
    {
        Outcome<int> count = Count(store);
        if (count.Failed) return count.Failure;
        if (index < 0 || index >= count.Value) return new Failure($"the image store has no entry {index}");
        ReadOnlySpan<byte> entry = store.AsSpan(HeaderBytes + index * EntryBytes, EntryBytes);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(OffsetOffset));
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(SizeOffset));
        if ((ulong)offset + size > (ulong)store.Length)
            return new Failure($"image {name ?? index.ToString()} at {offset}+{size} lies outside the image store's {store.Length} bytes");
        return new ArraySegment<byte>(store, (int)offset, (int)size);
    }

    /// <summary>How many entries the store has, checked against its header and length.</summary>
    private static Outcome<int> Count(byte[] store)
    {
        if (store.Length < HeaderBytes || BinaryPrimitives.ReadUInt64LittleEndian(store) != Magic)
            return new Failure(store.Length == 0 ? "there is no image store" : "the image store is damaged (bad magic)");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(store.AsSpan(CountOffset));
        if (count > MaxEntries || HeaderBytes + (long)count * EntryBytes > store.Length)
            return new Failure($"the image store claims {count} images, more than its {store.Length} bytes hold");
        return (int)count;
    }

    private static bool PathIs(ReadOnlySpan<byte> field, string path)
    {
        if (path.Length > field.Length) return false;
        for (int index = 0; index < field.Length; index++)
        {
            int expected = index < path.Length ? path[index] : 0;
            if (field[index] != expected) return false;
        }
        return true;
    }
}
