using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Manifest;

/// <summary>
/// Binds a validated manifest and the component binaries into the registry bytes system_init reads
/// (<see cref="RegistryLayout"/>). Host only: the bare-metal build embeds the bytes this produces.
/// </summary>
public static class RegistryWriter
{
    /// <summary>The registry for <paramref name="manifest"/>; <paramref name="imageOf"/> gives a binary's ELF bytes
    /// (throwing <see cref="InvalidDataException"/> for a binary it does not have).</summary>
    public static byte[] Write(SystemManifest manifest, Func<string, byte[]> imageOf)
    {
        IReadOnlyList<ComponentSpec> components = manifest.Components;
        if (components.Count > RegistryLayout.MaxComponents)
        {
            throw new InvalidDataException($"{manifest.File}: {components.Count} components, the registry holds at most {RegistryLayout.MaxComponents}");
        }
        // Identical images are stored once and their components share the offset: on the CPU every binary is the
        // same busybox ELF (a component finds its own code through its arguments page), so N copies would only
        // grow the kernel image and the frames the registry is mapped with.
        // A component with an `image` path embeds nothing: system_init reads its image through the fs service.
        var images = new List<byte[]>();
        var imageIndexOf = new int[components.Count];
        for (int index = 0; index < components.Count; index++)
        {
            byte[] image = components[index].ImagePath.Length > 0 ? Array.Empty<byte>() : imageOf(components[index].Binary);
            int same = images.FindIndex(stored => stored.AsSpan().SequenceEqual(image));
            if (same < 0)
            {
                same = images.Count;
                images.Add(image);
            }
            imageIndexOf[index] = same;
        }
        int imagesStart = RegistryLayout.HeaderBytes + components.Count * RegistryLayout.RecordBytes;
        var imageOffsets = new int[images.Count];
        int total = imagesStart;
        for (int image = 0; image < images.Count; image++)
        {
            imageOffsets[image] = total;
            total += images[image].Length;
        }
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, RegistryLayout.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(RegistryLayout.VersionOffset), RegistryLayout.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(RegistryLayout.CountOffset), (uint)components.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(RegistryLayout.MemoryBytesOffset), manifest.System.MemoryBytes);
        for (int image = 0; image < images.Count; image++) images[image].CopyTo(bytes, imageOffsets[image]);
        for (int index = 0; index < components.Count; index++)
        {
            int image = imageIndexOf[index];
            WriteRecord(bytes.AsSpan(RegistryLayout.HeaderBytes + index * RegistryLayout.RecordBytes, RegistryLayout.RecordBytes),
                manifest, components[index], imageOffsets[image], images[image].Length);
        }
        return bytes;
    }

    private static void WriteRecord(Span<byte> record, SystemManifest manifest, ComponentSpec component, int imageOffset, int imageSize)
    {
        string where = $"{manifest.File}: component '{component.Name}'";
        ArgsLayout.WriteName(record.Slice(0, RegistryLayout.NameBytes), component.Name);
        ArgsLayout.WriteName(record.Slice(RegistryLayout.BinaryOffset, RegistryLayout.NameBytes), component.Binary);
        record[RegistryLayout.KindOffset] = (byte)component.Type;
        record[RegistryLayout.SpawnedByRootOffset] = component.SpawnedBy == Spawner.Root ? (byte)1 : (byte)0;
        record[RegistryLayout.RestartOffset] = (byte)component.Restart;
        record[RegistryLayout.AutostartOffset] = component.Autostart ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.PriorityOffset), (uint)component.Priority);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.RestartLimitOffset), (uint)component.RestartLimit);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.BackoffOffset), (uint)component.BackoffMs);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.ImageOffsetOffset), (uint)imageOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.ImageSizeOffset), (uint)imageSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.CoreOffset), (uint)component.Core);
        ArgsLayout.WriteName(record.Slice(RegistryLayout.ImagePathOffset, RegistryLayout.ImagePathBytes), component.ImagePath);
        if (component.Capabilities.Count > RegistryLayout.MaxGrants) throw new InvalidDataException($"{where}: more than {RegistryLayout.MaxGrants} capabilities");
        if (component.Dependencies.Count > RegistryLayout.MaxDependencies) throw new InvalidDataException($"{where}: more than {RegistryLayout.MaxDependencies} dependencies");
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.GrantCountOffset), (uint)component.Capabilities.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(record.Slice(RegistryLayout.DependencyCountOffset), (uint)component.Dependencies.Count);
        for (int index = 0; index < component.Dependencies.Count; index++)
        {
            int dependency = IndexOf(manifest, component.Dependencies[index].Name);
            if (dependency < 0) throw new InvalidDataException($"{where}: dependency '{component.Dependencies[index].Name}' is not a component");
            record[RegistryLayout.DependenciesOffset + index] = (byte)dependency;
        }
        for (int index = 0; index < component.Capabilities.Count; index++)
        {
            Span<byte> at = record.Slice(RegistryLayout.GrantsOffset + index * RegistryLayout.GrantBytes, RegistryLayout.GrantBytes);
            (GrantKind kind, uint role, string name, ulong a, ulong b) = GrantForm(component.Capabilities[index], where);
            at[0] = (byte)kind;
            at[1] = (byte)role;
            ArgsLayout.WriteName(at.Slice(8, RegistryLayout.GrantNameBytes), name);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(32), a);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(40), b);
        }
    }

    /// <summary>A capability as the registry carries it (kind, IPC role, name, A, B); the metadata section's expected
    /// capabilities use the same form (<see cref="ExpectedCapability.ToGrant"/>).</summary>
    public static (GrantKind Kind, uint Role, string Name, ulong A, ulong B) GrantForm(ManifestCapability capability, string where) => capability switch
    {
        MemoryMapCapability map => (GrantKind.MemoryMap, 0u, "", map.Address, map.Size),
        InterruptCapability irq => (GrantKind.Interrupt, 0u, "", (ulong)irq.Irq, 0UL),
        IpcCapability ipc => (GrantKind.Ipc, (uint)ToEnd(ipc.Role), ipc.Channel, 0UL, 0UL),
        ProcessCreateCapability => (GrantKind.ProcessCreate, 0u, "", 0UL, 0UL),
        ProcessDestroyCapability => (GrantKind.ProcessDestroy, 0u, "", 0UL, 0UL),
        ProcessReloadCapability reload => (GrantKind.ProcessReload, 0u, reload.Target, 0UL, 0UL),
        MemoryAllocateCapability memory => (GrantKind.MemoryAllocate, 0u, "", memory.Bytes, 0UL),
        SystemShutdownCapability => (GrantKind.SystemShutdown, 0u, "", 0UL, 0UL),
        _ => throw new InvalidDataException($"{where}: capability '{capability.Text}' has no registry form"),
    };

    private static IpcEnd ToEnd(IpcRole role) => role switch
    {
        IpcRole.Producer => IpcEnd.Producer,
        IpcRole.Consumer => IpcEnd.Consumer,
        IpcRole.Server => IpcEnd.Server,
        IpcRole.Writer => IpcEnd.Writer,
        _ => IpcEnd.Client,
    };

    private static int IndexOf(SystemManifest manifest, string name)
    {
        for (int index = 0; index < manifest.Components.Count; index++)
        {
            if (manifest.Components[index].Name == name) return index;
        }
        return -1;
    }
}
