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

/// <summary>A table: keys in file order. <see cref="TomlValue.Location"/> is its header (or first use, for implicit tables).</summary>
public sealed record TomlTable(SourceLocation Location) : TomlValue(Location)
{
    private readonly Dictionary<string, TomlEntry> _entries = new();
    private readonly List<TomlEntry> _ordered = new();

    /// <summary>True once a [header] or key/value defined it, so a second [header] for it is a duplicate.</summary>
    public bool ExplicitlyDefined { get; set; }

    public IReadOnlyList<TomlEntry> Entries => _ordered;

    public override string TypeName => "table";
    public override string Describe() => "table";

    public bool TryGet(string key, out TomlEntry entry) => _entries.TryGetValue(key, out entry!);

    public void Add(TomlEntry entry)
    {
        _entries.Add(entry.Key, entry);
        _ordered.Add(entry);
    }

    public void Replace(TomlEntry entry)
    {
        _ordered[_ordered.FindIndex(existing => existing.Key == entry.Key)] = entry;
        _entries[entry.Key] = entry;
    }
}

/// <summary>An array of tables ([[component]]): a value of its own so it cannot mix with a plain array.</summary>
public sealed record TomlTableArray(List<TomlTable> Tables, SourceLocation Location) : TomlValue(Location)
{
    public override string TypeName => "array of tables";
    public override string Describe() => "array of tables";
}
