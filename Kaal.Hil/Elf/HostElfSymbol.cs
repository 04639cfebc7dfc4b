namespace Kaal.Hil.Elf;

/// <summary>A named code address from the symbol table: a function, or an assembly label (no type).</summary>
public sealed record HostElfSymbol(string Name, ulong Value);
