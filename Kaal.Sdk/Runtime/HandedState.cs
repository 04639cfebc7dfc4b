using System;
using System.Buffers.Binary;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// The state a component hands its successor when it is replaced (docs/hot-reload.md): a version the successor checks
/// (its own format's number; 0 means "nothing was handed over": the predecessor was killed at the stop deadline, saved
/// nothing, or handed over a blob system_init refused) and a blob of up to <see cref="StatePage.MaxStateBytes"/> bytes,
/// carried through the component's state page and system_init to the successor's.
/// </summary>
public readonly struct HandedState
{
    private readonly byte[]? _bytes;

    public HandedState(uint version, byte[] bytes)
    {
        Version = version;
        _bytes = bytes;
    }

    public static HandedState None => default;

    public uint Version { get; }

    /// <summary>The blob (empty for <see cref="None"/>).</summary>
    public byte[] Bytes => _bytes ?? Array.Empty<byte>();

    public bool IsNone => Version == 0;

    /// <summary>A blob of little-endian 64-bit words: the simple case of a few counters.</summary>
    public static HandedState OfWords(uint version, ulong[] words)
    {
        var bytes = new byte[words.Length * sizeof(ulong)];
        for (int index = 0; index < words.Length; index++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(index * sizeof(ulong)), words[index]);
        return new HandedState(version, bytes);
    }

    /// <summary>The little-endian 64-bit word at <paramref name="index"/> (<see cref="OfWords"/>), 0 past the blob's end.</summary>
    public ulong Word(int index)
    {
        byte[] bytes = Bytes;
        int at = index * sizeof(ulong);
        return index < 0 || at + sizeof(ulong) > bytes.Length ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
    }
}
