using System;
using System.Buffers.Binary;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Registry;

/// <summary>The decoded registry: every component and a view of the bytes its ELF image lives in.</summary>
public sealed class ComponentRegistry
{
    private readonly byte[] _bytes;

    private ComponentRegistry(byte[] bytes, RegistryComponent[] components, ulong memoryBytes)
    {
        _bytes = bytes;
        Components = components;
        MemoryBytes = memoryBytes;
    }

    public RegistryComponent[] Components { get; }

    public ulong MemoryBytes { get; }

    public byte[] Bytes => _bytes;

    public RegistryComponent? Find(string name)
    {
        foreach (RegistryComponent component in Components)
        {
            if (component.Name == name) return component;
        }
        return null;
    }

    /// <summary>Decodes and bounds-checks <paramref name="bytes"/>; null and <paramref name="error"/> if they are not a registry.</summary>
    public static ComponentRegistry? Decode(byte[] bytes, out string? error)
    {
        error = null;
        if (bytes.Length < RegistryLayout.HeaderBytes || BinaryPrimitives.ReadUInt64LittleEndian(bytes) != RegistryLayout.Magic)
        {
            error = "not a component registry (bad magic)";
            return null;
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(RegistryLayout.VersionOffset));
        if (version != RegistryLayout.Version)
        {
            error = $"registry version {version}, this reader reads version {RegistryLayout.Version} (rebuild the image with this SDK)";
            return null;
        }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(RegistryLayout.CountOffset));
        if (count > RegistryLayout.MaxComponents || RegistryLayout.HeaderBytes + (long)count * RegistryLayout.RecordBytes > bytes.Length)
        {
            error = $"registry claims {count} components, more than its {bytes.Length} bytes hold";
            return null;
        }
        var components = new RegistryComponent[count];
        for (int index = 0; index < components.Length; index++)
        {
            components[index] = DecodeRecord(bytes, index, (int)count, out error)!;
            if (error is not null) return null;
        }
        return new ComponentRegistry(bytes, components, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(RegistryLayout.MemoryBytesOffset)));
    }

    private static RegistryComponent? DecodeRecord(byte[] bytes, int index, int count, out string? error)
    {
        ReadOnlySpan<byte> record = bytes.AsSpan(RegistryLayout.HeaderBytes + index * RegistryLayout.RecordBytes, RegistryLayout.RecordBytes);
        string name = ArgsLayout.ReadName(record.Slice(0, RegistryLayout.NameBytes));
        int grantCount = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.GrantCountOffset)), uint.MaxValue >> 1);
        int dependencyCount = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.DependencyCountOffset)), uint.MaxValue >> 1);
        uint imageOffset = BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.ImageOffsetOffset));
        uint imageSize = BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.ImageSizeOffset));
        error = grantCount > RegistryLayout.MaxGrants ? $"component {index} ({name}): {grantCount} grants (at most {RegistryLayout.MaxGrants})"
            : dependencyCount > RegistryLayout.MaxDependencies ? $"component {index} ({name}): {dependencyCount} dependencies (at most {RegistryLayout.MaxDependencies})"
            : (ulong)imageOffset + imageSize > (ulong)bytes.Length ? $"component {index} ({name}): image at {imageOffset}+{imageSize} lies outside the registry's {bytes.Length} bytes"
            : null;
        if (error is not null) return null;
        var dependencies = new int[dependencyCount];
        for (int dependency = 0; dependency < dependencyCount; dependency++)
        {
            dependencies[dependency] = record[RegistryLayout.DependenciesOffset + dependency];
            if (dependencies[dependency] >= count)
            {
                error = $"component {index} ({name}): dependency {dependencies[dependency]} does not exist";
                return null;
            }
        }
        var grants = new Grant[grantCount];
        for (int grant = 0; grant < grantCount; grant++)
        {
            ReadOnlySpan<byte> at = record.Slice(RegistryLayout.GrantsOffset + grant * RegistryLayout.GrantBytes, RegistryLayout.GrantBytes);
            grants[grant] = new Grant((GrantKind)at[0], at[1], ArgsLayout.ReadName(at.Slice(8, RegistryLayout.GrantNameBytes)),
                BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(32)), BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(40)));
        }
        return new RegistryComponent
        {
            Index = index,
            Name = name,
            Binary = ArgsLayout.ReadName(record.Slice(RegistryLayout.BinaryOffset, RegistryLayout.NameBytes)),
            Kind = (ComponentKind)record[RegistryLayout.KindOffset],
            SpawnedByRoot = record[RegistryLayout.SpawnedByRootOffset] != 0,
            Restart = (RestartRule)record[RegistryLayout.RestartOffset],
            Autostart = record[RegistryLayout.AutostartOffset] != 0,
            Priority = (byte)BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.PriorityOffset)),
            RestartLimit = BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.RestartLimitOffset)),
            BackoffMs = BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.BackoffOffset)),
            Grants = grants,
            Dependencies = dependencies,
            ImageOffset = (int)imageOffset,
            ImageSize = (int)imageSize,
            Core = BinaryPrimitives.ReadUInt32LittleEndian(record.Slice(RegistryLayout.CoreOffset)),
            ImagePath = ArgsLayout.ReadName(record.Slice(RegistryLayout.ImagePathOffset, RegistryLayout.ImagePathBytes)),
        };
    }
}
