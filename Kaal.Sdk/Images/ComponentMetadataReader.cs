using System;
using System.Buffers.Binary;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using static Kaal.Sdk.Images.ComponentMetadataLayout;

namespace Kaal.Sdk.Images;

/// <summary>Decodes a metadata section's bytes (<see cref="ComponentMetadataLayout"/>). The size is checked against the
/// header's count before anything else is read, and every text field must be printable ASCII padded with zeros, so a
/// damaged section is refused with the field it is about rather than read as garbage.</summary>
public static class ComponentMetadataReader
{
    public static Outcome<ComponentMetadata> Decode(ArraySegment<byte> section)
    {
        ReadOnlySpan<byte> bytes = section.AsSpan();
        if (bytes.Length < HeaderBytes) return new Failure($"{bytes.Length} bytes, shorter than its {HeaderBytes}-byte header");
        ulong magic = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (magic != Magic) return new Failure($"magic 0x{magic:X16}, not 0x{Magic:X16} (\"KAALCMP1\")");
        uint format = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(FormatVersionOffset));
        if (format != FormatVersion && format != FormatVersionWithReplaces) return new Failure($"format version {format}; this loader reads versions {FormatVersion} and {FormatVersionWithReplaces}");
        byte type = bytes[TypeOffset];
        if (type > (byte)ComponentType.Application) return new Failure($"type {type} is not a component type (0 driver, 1 service, 2 application)");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(ExpectCountOffset));
        if (count > MaxExpects) return new Failure($"{count} expected capabilities, at most {MaxExpects}");
        if (bytes.Length != SizeFor(format, (int)count)) return new Failure($"{bytes.Length} bytes, but {count} expected capabilities make {SizeFor(format, (int)count)} in format {format}");
        string? binary = Text(bytes.Slice(NameOffset, NameBytes), "binary name", out string? error);
        if (binary is null) return new Failure(error!);
        if (!IsBinaryName(binary)) return new Failure($"binary name \"{binary}\" is not a lower-case letter followed by lower-case letters, digits or '_'");
        string? version = Text(bytes.Slice(VersionOffset, VersionBytes), "version", out error);
        if (version is null) return new Failure(error!);
        var expects = new ExpectedGrant[count];
        for (int index = 0; index < expects.Length; index++)
        {
            Outcome<ExpectedGrant> expect = DecodeExpect(bytes.Slice(HeaderBytes + index * ExpectBytes, ExpectBytes), index);
            if (expect.Failed) return expect.Failure;
            expects[index] = expect.Value;
        }
        string replaces = "";
        if (format == FormatVersionWithReplaces)
        {
            replaces = Text(bytes.Slice(SizeFor((int)count), ReplacesBytes), "replaced binary", out error)!;
            if (error is not null) return new Failure(error);
            if (!IsBinaryName(replaces) || replaces == binary) return new Failure($"replaced binary \"{replaces}\" is not another binary's name");
        }
        return new ComponentMetadata { Binary = binary, Type = (ComponentType)type, Version = version, Expects = expects, Replaces = replaces };
    }

    private static Outcome<ExpectedGrant> DecodeExpect(ReadOnlySpan<byte> at, int index)
    {
        byte kind = at[ExpectKindOffset];
        if (kind < (byte)GrantKind.MemoryMap || kind > (byte)GrantKind.ProcessReload) return new Failure($"expected capability {index}: kind {kind} is not a capability kind");
        byte role = at[ExpectRoleOffset];
        if (role > (byte)IpcEnd.Writer) return new Failure($"expected capability {index}: IPC role {role} is not a role");
        byte anyValue = at[ExpectAnyValueOffset];
        if (anyValue > 1) return new Failure($"expected capability {index}: any-value flag {anyValue} is neither 0 nor 1");
        string? text = Text(at.Slice(ExpectTextOffset, ExpectTextBytes), $"expected capability {index}'s text", out string? error);
        if (text is null) return new Failure(error!);
        string? name = Text(at.Slice(ExpectNameOffset, ExpectNameBytes), $"expected capability {index}'s name", out error, allowEmpty: true);
        if (name is null) return new Failure(error!);
        return new ExpectedGrant((GrantKind)kind, role, name, BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(ExpectAOffset)),
            BinaryPrimitives.ReadUInt64LittleEndian(at.Slice(ExpectBOffset)), anyValue == 1, text);
    }

    /// <summary>Printable ASCII, then only zeros; null and why if not.</summary>
    private static string? Text(ReadOnlySpan<byte> field, string what, out string? error, bool allowEmpty = false)
    {
        error = null;
        int length = field.IndexOf((byte)0);
        if (length < 0) length = field.Length;
        for (int index = 0; index < field.Length; index++)
        {
            byte value = field[index];
            bool ok = index < length ? value >= 0x20 && value <= 0x7E : value == 0;
            if (ok) continue;
            error = $"{what}: byte {index} is 0x{value:X2} ({(index < length ? "not printable ASCII" : "after the text's end, where only zeros may be")})";
            return null;
        }
        if (length == 0 && !allowEmpty)
        {
            error = $"{what} is empty";
            return null;
        }
        return ArgsLayout.ReadName(field);
    }

    private static bool IsBinaryName(string name)
    {
        if (name[0] < 'a' || name[0] > 'z') return false;
        for (int index = 0; index < name.Length; index++)
        {
            char c = name[index];
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return false;
        }
        return true;
    }
}
