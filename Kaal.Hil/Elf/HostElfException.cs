using System;

namespace Kaal.Hil.Elf;

/// <summary>A host-side ELF read failed: which file, what kind of problem, and what ELFSharp said (the inner exception).</summary>
public sealed class HostElfException(string name, HostElfProblem problem, string detail, Exception? inner = null)
    : Exception($"{name}: {detail}", inner)
{
    public string Name { get; } = name;

    public HostElfProblem Problem { get; } = problem;
}
