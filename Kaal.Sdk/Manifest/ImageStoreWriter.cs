using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Images;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Manifest;

/// <summary>One file of an image store: where it is and its bytes.</summary>
public sealed record StoredImage(string Path, byte[] Image);

/// <summary>Writes the bytes of an <see cref="ImageStore"/> (host only).</summary>
public static class ImageStoreWriter
{
    /// <summary>The store holding <paramref name="images"/> in the order given; empty for none (no store at all).</summary>
    /// <exception cref="InvalidDataException">too many images, or a path that is empty, too long, not printable ASCII or
    /// given twice (the message names it).</exception>
    public static byte[] Write(IReadOnlyList<StoredImage> images)
    {
        if (images.Count == 0) return Array.Empty<byte>();
        if (images.Count > ImageStore.MaxEntries) throw new InvalidDataException($"{images.Count} images, an image store holds at most {ImageStore.MaxEntries}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = ImageStore.HeaderBytes + (long)images.Count * ImageStore.EntryBytes;
        foreach (StoredImage image in images)
        {
            if (image.Path.Length is 0 or > Loader.MaxPathBytes || !IsPrintable(image.Path))
                throw new InvalidDataException($"image path '{image.Path}' must be 1..{Loader.MaxPathBytes} printable ASCII characters (a loader request carries it in four registers)");
            if (!seen.Add(image.Path)) throw new InvalidDataException($"image path '{image.Path}' is given twice");
            total += image.Image.Length;
        }
        if (total > int.MaxValue) throw new InvalidDataException($"the images take {total} bytes, more than a store holds");
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ImageStore.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ImageStore.CountOffset), (uint)images.Count);
        int next = ImageStore.HeaderBytes + images.Count * ImageStore.EntryBytes;
        for (int index = 0; index < images.Count; index++)
        {
            Span<byte> entry = bytes.AsSpan(ImageStore.HeaderBytes + index * ImageStore.EntryBytes, ImageStore.EntryBytes);
            for (int at = 0; at < images[index].Path.Length; at++) entry[at] = (byte)images[index].Path[at];
            BinaryPrimitives.WriteUInt32LittleEndian(entry.Slice(ImageStore.OffsetOffset), (uint)next);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.Slice(ImageStore.SizeOffset), (uint)images[index].Image.Length);
            images[index].Image.CopyTo(bytes, next);
            next += images[index].Image.Length;
        }
        return bytes;
    }

    private static bool IsPrintable(string text)
    {
        foreach (char c in text)
        {
            if (c is < ' ' or > '~') return false;
        }
        return true;
    }
}
