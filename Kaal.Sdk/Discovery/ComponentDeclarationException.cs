using System;
using System.Collections.Generic;

namespace Kaal.Sdk.Discovery;

/// <summary>Component declarations a tool cannot use (two types declaring one binary, a declaration on a type that is
/// not a component, ...): every problem, one per line. An ArgumentException, so a command reports it as a usage
/// error (exit 2) like any other unusable input.</summary>
public sealed class ComponentDeclarationException(IReadOnlyList<string> problems)
    : ArgumentException("unusable component declarations:" + Environment.NewLine + string.Join(Environment.NewLine, Indented(problems)))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private static IEnumerable<string> Indented(IReadOnlyList<string> problems)
    {
        foreach (string problem in problems) yield return "  " + problem;
    }
}
