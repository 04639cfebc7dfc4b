using System;
using Kaal.Sdk.FileSystem;

namespace Kaal.Components.FileSystem;

/// <summary>
/// The fs service's writable area: files written by path at run time (new component versions), in one array of
/// <see cref="CapacityBytes"/> allocated once (the EL0 heap never frees, so nothing is allocated per write). Files lie
/// back to back; a write that grows a file moves the files after it up, and re-creating a file (emptying it) moves the
/// ones after it down, so the free space is always at the end and a full area means full. It lives in fs's memory: a restart of
/// fs starts it empty.
/// </summary>
public sealed class WritableArea(int capacityBytes)
{
    public const int MaxFiles = 16;

    private readonly byte[] _bytes = new byte[capacityBytes];
    private readonly string?[] _paths = new string?[MaxFiles];
    private readonly int[] _starts = new int[MaxFiles];
    private readonly int[] _sizes = new int[MaxFiles];
    /// <summary>Files lie in the order they were first created (an empty file shares its start with the next one).</summary>
    private readonly int[] _order = new int[MaxFiles];
    private int _created;
    private int _usedBytes;

    public int CapacityBytes => _bytes.Length;

    public int UsedBytes => _usedBytes;

    /// <summary>The file at <paramref name="path"/> (a free place for null), or -1.</summary>
    public int Find(string? path)
    {
        for (int index = 0; index < MaxFiles; index++)
        {
            if (_paths[index] == path) return index;
        }
        return -1;
    }

    public int SizeOf(int file) => _sizes[file];

    public bool Exists(int file) => file >= 0 && file < MaxFiles && _paths[file] is not null;

    /// <summary>An empty file at <paramref name="path"/> (the one there emptied), or -1 when all names are taken.</summary>
    public int Create(string path)
    {
        int file = Find(path);
        if (file >= 0)
        {
            Resize(file, 0);
            return file;
        }
        file = Find(null);
        if (file < 0) return -1;
        _paths[file] = path;
        _starts[file] = _usedBytes;
        _sizes[file] = 0;
        _order[file] = _created++;
        return file;
    }

    /// <summary>Writes <paramref name="data"/> into <paramref name="file"/> at <paramref name="offset"/> (at most its size).</summary>
    public FsStatus Write(int file, int offset, ReadOnlySpan<byte> data)
    {
        if (offset < 0 || offset > _sizes[file]) return FsStatus.BadOffset;
        int end = offset + data.Length;
        if (end > _sizes[file])
        {
            if (end - _sizes[file] > _bytes.Length - _usedBytes) return FsStatus.NoSpace;
            Resize(file, end);
        }
        data.CopyTo(_bytes.AsSpan(_starts[file] + offset));
        return FsStatus.Ok;
    }

    /// <summary>Bytes of <paramref name="file"/> from <paramref name="offset"/>, at most <paramref name="count"/>.</summary>
    public ReadOnlySpan<byte> Read(int file, int offset, int count) =>
        _bytes.AsSpan(_starts[file] + offset, Math.Min(count, _sizes[file] - offset));

    /// <summary>Gives <paramref name="file"/> <paramref name="size"/> bytes, moving the files after it.</summary>
    private void Resize(int file, int size)
    {
        int oldEnd = _starts[file] + _sizes[file];
        int delta = size - _sizes[file];
        // Span copies handle the overlap (memmove).
        _bytes.AsSpan(oldEnd, _usedBytes - oldEnd).CopyTo(_bytes.AsSpan(oldEnd + delta));
        for (int other = 0; other < MaxFiles; other++)
        {
            if (_paths[other] is not null && _order[other] > _order[file]) _starts[other] += delta;
        }
        _sizes[file] = size;
        _usedBytes += delta;
    }
}
