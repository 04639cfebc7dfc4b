using System;
using System.Buffers.Binary;
using System.IO;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using static Kaal.Sdk.Images.ComponentMetadataLayout;

namespace Kaal.Sdk.Discovery;

/// <summary>The metadata section's bytes for a discovered component (<see cref="ComponentMetadataLayout"/>): what the
/// image build puts into the component's ELF. Host only.</summary>
public static class ComponentMetadataWriter
{
    /// <exception cref="InvalidDataException">the declaration does not fit the section's fixed fields (the message names
    /// the field, its value and the limit).</exception>
    public static byte[] Write(DiscoveredComponent component)
    {
        string where = $"binary {component.Binary} ({component.Source})";
        if (component.Expects.Count > MaxExpects)
            throw new InvalidDataException($"{where}: {component.Expects.Count} expected capabilities, an image's metadata holds at most {MaxExpects}");
        uint format = component.Replaces is null ? FormatVersion : FormatVersionWithReplaces;
        var bytes = new byte[SizeFor(format, component.Expects.Count)];
        Span<byte> span = bytes;
        BinaryPrimitives.WriteUInt64LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(FormatVersionOffset), format);
        span[TypeOffset] = (byte)component.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(ExpectCountOffset), (uint)component.Expects.Count);
        WriteText(span.Slice(NameOffset, NameBytes), component.Binary, where, "binary name");
        WriteText(span.Slice(VersionOffset, VersionBytes), component.Version, where, "version");
        for (int index = 0; index < component.Expects.Count; index++)
        {
            ExpectedGrant grant = component.Expects[index].ToGrant();
            Span<byte> at = span.Slice(HeaderBytes + index * ExpectBytes, ExpectBytes);
            at[ExpectKindOffset] = (byte)grant.Kind;
            at[ExpectRoleOffset] = (byte)grant.Role;
            at[ExpectAnyValueOffset] = grant.AnyValue ? (byte)1 : (byte)0;
            WriteText(at.Slice(ExpectNameOffset, ExpectNameBytes), grant.Name, where, "IPC channel name");
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(ExpectAOffset), grant.A);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(ExpectBOffset), grant.B);
            WriteText(at.Slice(ExpectTextOffset, ExpectTextBytes), grant.Text, where, "expected capability");
        }
        if (component.Replaces is { } replaced) WriteText(span.Slice(SizeFor(component.Expects.Count), ReplacesBytes), replaced, where, "replaced binary");
        return bytes;
    }

    private static void WriteText(Span<byte> field, string text, string where, string what)
    {
        if (text.Length > field.Length)
            throw new InvalidDataException($"{where}: {what} \"{text}\" is {text.Length} characters, an image's metadata holds {field.Length}");
        foreach (char c in text)
        {
            if (c < 0x20 || c > 0x7E) throw new InvalidDataException($"{where}: {what} \"{text}\" has a character outside printable ASCII");
        }
        ArgsLayout.WriteName(field, text);
    }
}
