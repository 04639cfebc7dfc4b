using System;
using System.Collections.Generic;
using System.Globalization;

namespace Kaal.Sdk.Manifest;

/// <summary>Parses capability strings into typed <see cref="ManifestCapability"/> values. Errors point at the part of the
/// string that is wrong (the column inside the quotes), and say what was expected.</summary>
public static class CapabilityParser
{
    public const ulong PageSize = 4096;

    public static readonly IReadOnlyList<string> Forms = new[]
    {
        "memory_map:ADDR:SIZE", "interrupt:IRQ", "ipc:NAME:ROLE", "process:create", "process:destroy", "process:reload:COMPONENT", "memory:allocate[:BYTES]", "system:shutdown",
    };

    private static readonly string[] Kinds = { "memory_map", "interrupt", "ipc", "process", "memory", "system" };

    /// <summary>Parses <paramref name="text"/>; <paramref name="location"/> is the opening quote of the string.</summary>
    public static ManifestCapability? Parse(string text, SourceLocation location, List<ManifestProblem> problems)
    {
        var input = new CapabilityText(text, location, problems);
        string[] parts = input.Parts;
        return parts[0] switch
        {
            "memory_map" => ParseMemoryMap(input),
            "interrupt" => ParseInterrupt(input),
            "ipc" => ParseIpc(input),
            "process" => ParseProcess(input),
            "memory" => ParseMemory(input),
            "system" => parts.Length == 2 && parts[1] == "shutdown" ? new SystemShutdownCapability(text, location) : input.WrongArity("system:shutdown"),
            _ => input.Fail(0, $"unknown capability kind '{parts[0]}'{NameSuggester.DidYouMean(parts[0], Kinds)} (expected one of {string.Join(", ", Forms)})"),
        };
    }

    /// <summary>A capability string split at ':', and how to report a problem at one of its parts (the column inside
    /// the quotes where the part starts).</summary>
    private sealed class CapabilityText
    {
        private readonly int[] _offsets;
        private readonly List<ManifestProblem> _problems;

        public CapabilityText(string text, SourceLocation location, List<ManifestProblem> problems)
        {
            Text = text;
            Location = location;
            _problems = problems;
            Parts = text.Split(':');
            _offsets = new int[Parts.Length];
            for (int i = 1; i < Parts.Length; i++) _offsets[i] = _offsets[i - 1] + Parts[i - 1].Length + 1;
        }

        public string Text { get; }

        public SourceLocation Location { get; }

        public string[] Parts { get; }

        public ManifestCapability? Fail(int part, string message)
        {
            _problems.Add(new ManifestProblem(Location with { Column = Location.Column + 1 + _offsets[part] }, $"capability \"{Text}\": {message}"));
            return null;
        }

        public ManifestCapability? WrongArity(string form) => Fail(0, $"expected {form}");
    }

    private static ManifestCapability? ParseMemoryMap(CapabilityText input)
    {
        string[] parts = input.Parts;
        if (parts.Length != 3) return input.WrongArity("memory_map:ADDR:SIZE (e.g. memory_map:0x09000000:0x1000)");
        if (!TryParseNumber(parts[1], out ulong address, out string? why)) return input.Fail(1, $"the address {why}");
        if (!TryParseSize(parts[2], out ulong size, out why)) return input.Fail(2, $"the size {why}");
        if (address % PageSize != 0) return input.Fail(1, $"the address 0x{address:X} is not page aligned (4 KiB)");
        if (size == 0) return input.Fail(2, "the size must not be 0");
        if (size % PageSize != 0) return input.Fail(2, $"the size 0x{size:X} is not a multiple of the page size (4 KiB)");
        if (address + size < address) return input.Fail(2, "the region runs past the end of the address space");
        return new MemoryMapCapability(address, size, input.Text, input.Location);
    }

    private static ManifestCapability? ParseInterrupt(CapabilityText input)
    {
        string[] parts = input.Parts;
        if (parts.Length != 2) return input.WrongArity("interrupt:IRQ (e.g. interrupt:33)");
        if (!TryParseNumber(parts[1], out ulong irq, out string? why)) return input.Fail(1, $"the IRQ {why}");
        // Which lines exist depends on the platform: the validator checks that (PlatformInterrupts).
        if (irq > PlatformInterrupts.GicLastLine) return input.Fail(1, $"IRQ {irq} is above {PlatformInterrupts.GicLastLine}, the last interrupt line of any platform");
        return new InterruptCapability((uint)irq, input.Text, input.Location);
    }

    private static ManifestCapability? ParseIpc(CapabilityText input)
    {
        string[] parts = input.Parts;
        if (parts.Length == 2 && parts[1].Length > 0 && parts[1] != "*")
            return input.Fail(1, $"expected a role after the name: ipc:{parts[1]}:ROLE with ROLE one of producer, consumer, server, client, writer");
        if (parts.Length >= 2 && parts[1] == "*") return input.Fail(1, "wildcards are not capabilities; name each connection");
        if (parts.Length != 3) return input.WrongArity("ipc:NAME:ROLE (e.g. ipc:numbers:producer)");
        if (!IsName(parts[1])) return input.Fail(1, $"'{parts[1]}' is not a connection name (lower-case letters, digits, '_' and '-', starting with a letter)");
        IpcRole? role = parts[2] switch
        {
            "producer" => IpcRole.Producer,
            "consumer" => IpcRole.Consumer,
            "server" => IpcRole.Server,
            "client" => IpcRole.Client,
            "writer" => IpcRole.Writer,
            _ => null,
        };
        if (role is null)
            return input.Fail(2, $"unknown role '{parts[2]}'{NameSuggester.DidYouMean(parts[2], new[] { "producer", "consumer", "server", "client", "writer" })} (expected producer, consumer, server, client or writer)");
        return new IpcCapability(parts[1], role.Value, input.Text, input.Location);
    }

    private static ManifestCapability? ParseProcess(CapabilityText input)
    {
        string[] parts = input.Parts;
        if (parts.Length == 2 && parts[1] == "create") return new ProcessCreateCapability(input.Text, input.Location);
        if (parts.Length == 2 && parts[1] == "destroy") return new ProcessDestroyCapability(input.Text, input.Location);
        if (parts.Length >= 2 && parts[1] == "reload")
        {
            if (parts.Length != 3 || parts[2].Length == 0) return input.WrongArity("process:reload:COMPONENT (e.g. process:reload:consumer): the component it may replace");
            if (!IsName(parts[2])) return input.Fail(2, $"'{parts[2]}' is not a component name (lower-case letters, digits, '_' and '-', starting with a letter)");
            return new ProcessReloadCapability(parts[2], input.Text, input.Location);
        }
        return parts.Length == 2
            ? input.Fail(1, $"unknown process right '{parts[1]}'{NameSuggester.DidYouMean(parts[1], new[] { "create", "destroy", "reload" })} (expected process:create, process:destroy or process:reload:COMPONENT)")
            : input.WrongArity("process:create, process:destroy or process:reload:COMPONENT");
    }

    private static ManifestCapability? ParseMemory(CapabilityText input)
    {
        string[] parts = input.Parts;
        if (parts.Length < 2 || parts.Length > 3 || parts[1] != "allocate")
        {
            return parts.Length >= 2 && parts[1] != "allocate"
                ? input.Fail(1, $"unknown memory right '{parts[1]}'{NameSuggester.DidYouMean(parts[1], new[] { "allocate" })} (expected memory:allocate[:BYTES])")
                : input.WrongArity("memory:allocate or memory:allocate:BYTES (e.g. memory:allocate:64K)");
        }
        if (parts.Length == 2) return new MemoryAllocateCapability(MemoryAllocateCapability.DefaultBytes, input.Text, input.Location);
        if (!TryParseSize(parts[2], out ulong bytes, out string? why)) return input.Fail(2, $"the budget {why}");
        if (bytes == 0 || bytes % PageSize != 0) return input.Fail(2, $"the budget must be a non-zero multiple of the page size (4 KiB), got {bytes}");
        return new MemoryAllocateCapability(bytes, input.Text, input.Location);
    }

    /// <summary>Connection and component names: a lower-case letter, then lower-case letters, digits, '_' or '-'.</summary>
    public static bool IsName(string text)
    {
        if (text.Length == 0 || text[0] is < 'a' or > 'z') return false;
        foreach (char c in text)
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')) return false;
        return true;
    }

    /// <summary>An unsigned number: decimal, or hexadecimal with 0x; '_' allowed between digits (0x0900_0000).</summary>
    public static bool TryParseNumber(string text, out ulong value, out string? why)
    {
        value = 0;
        if (text.Length == 0) { why = "is empty: expected a number"; return false; }
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        string digits = hex ? text.Substring(2) : text;
        if (digits.Length == 0 || digits[0] == '_' || digits[^1] == '_' || digits.Contains("__"))
        {
            why = $"'{text}' is not a number ('_' only between digits)";
            return false;
        }
        string plain = digits.Replace("_", "");
        bool parsed = hex
            ? ulong.TryParse(plain, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (parsed) { why = null; return true; }
        bool allDigits = true;
        foreach (char c in plain) allDigits &= hex ? Uri.IsHexDigit(c) : char.IsAsciiDigit(c);
        why = allDigits ? $"'{text}' does not fit in 64 bits" : $"'{text}' is not a {(hex ? "hexadecimal" : "decimal")} number";
        return false;
    }

    /// <summary>A size: a number, optionally followed by K, M or G (or KiB, MiB, GiB), all powers of 1024.</summary>
    public static bool TryParseSize(string text, out ulong bytes, out string? why)
    {
        bytes = 0;
        int shift = 0;
        string number = text;
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        foreach ((string suffix, int bits) in new[] { ("KiB", 10), ("MiB", 20), ("GiB", 30), ("K", 10), ("M", 20), ("G", 30) })
        {
            if (!hex && text.EndsWith(suffix, StringComparison.Ordinal) && text.Length > suffix.Length)
            {
                number = text.Substring(0, text.Length - suffix.Length);
                shift = bits;
                break;
            }
        }
        if (!TryParseNumber(number, out ulong value, out why))
        {
            why = $"'{text}' is not a size (expected a number with an optional K, M or G suffix, e.g. 4096, 0x1000, 64K)";
            return false;
        }
        if (shift > 0 && value > ulong.MaxValue >> shift) { why = $"'{text}' does not fit in 64 bits"; return false; }
        bytes = value << shift;
        return true;
    }
}
