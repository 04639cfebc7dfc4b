using System.Collections.Generic;

namespace Kaal.Sdk.Manifest;

/// <summary>A parsed TOML value with where it starts, so every later check can point at the exact spot.</summary>
public abstract record TomlValue(SourceLocation Location)
{
    /// <summary>The TOML type name used in messages ("priority must be an integer, got string \"high\"").</summary>
    public abstract string TypeName { get; }

    /// <summary>The value as messages quote it.</summary>
    public abstract string Describe();
}

public sealed record TomlString(string Value, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "string";
    public override string Describe() => $"string \"{Value}\"";
}

public sealed record TomlInteger(long Value, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "integer";
    public override string Describe() => $"integer {Value}";
}

public sealed record TomlBoolean(bool Value, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "boolean";
    public override string Describe() => $"boolean {(Value ? "true" : "false")}";
}

public sealed record TomlArray(IReadOnlyList<TomlValue> Items, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "array";
    public override string Describe() => $"array of {Items.Count}";
}

/// <summary>A key in a table, where the key was written, and its value.</summary>
public sealed record TomlEntry(string Key, SourceLocation KeyLocation, TomlValue Value);

/// <summary>How a table came to exist, which decides what may add to it later (TOML 1.0, "Table").</summary>
public enum TomlTableOrigin
{
    /// <summary>As a parent in a [a.b] header: a later [a] header may still define it.</summary>
    HeaderParent,
    /// <summary>By its own [header] (or the root, or an element of [[array]]): defined once and for all.</summary>
    Header,
    /// <summary>By a dotted key (a.b = 1): only more dotted keys of the same table may add to it; no [header].</summary>
    DottedKey,
}

/// <summary>A table: keys in file order. <see cref="TomlValue.Location"/> is its header (or first use, for implicit tables).</summary>
public sealed record TomlTable(SourceLocation Location) : TomlValue(Location)
{
    private readonly Dictionary<string, TomlEntry> _entries = new();
    private readonly List<TomlEntry> _ordered = new();

    public TomlTableOrigin Origin { get; set; } = TomlTableOrigin.Header;

    public IReadOnlyList<TomlEntry> Entries => _ordered;

    public override string TypeName => "table";
    public override string Describe() => "table";

    public bool TryGet(string key, out TomlEntry entry) => _entries.TryGetValue(key, out entry!);

    public void Add(TomlEntry entry)
    {
        _entries.Add(entry.Key, entry);
        _ordered.Add(entry);
    }
}

/// <summary>A value that did not parse (the parser reported why). Its key still counts as written, so no check reports
/// the key as missing, or judges a default that stands in for it.</summary>
public sealed record TomlInvalid(SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "invalid value";
    public override string Describe() => "an invalid value";
}

/// <summary>An array of tables ([[component]]): a value of its own so it cannot mix with a plain array.</summary>
public sealed record TomlTableArray(List<TomlTable> Tables, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "array of tables";
    public override string Describe() => "array of tables";
}
