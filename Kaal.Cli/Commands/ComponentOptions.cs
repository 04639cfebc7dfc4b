using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using Kaal.Sdk.Discovery;

namespace Kaal.Cli.Commands;

/// <summary>
/// Where a command finds a user's components (and scenarios): `--assembly PATH` (repeatable) and the project
/// `--project` names, or else, when no assembly is given (and not --no-project), the one *.csproj in the current folder, built in Release
/// (<see cref="ProjectBuild"/>). Kaal.Components (system_init and the drivers, which the tool ships) is always a
/// provider; the project's own copy of it, if it references the package, is the same assembly.
/// </summary>
internal sealed class ComponentOptions
{
    private readonly Option<string[]> _assemblies = new("--assembly")
    {
        Description = "a .NET assembly with components ([KaalComponent]) or scenarios; repeatable",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _project = new("--project")
    {
        Description = "build this project in Release and load its output (default: the one *.csproj in the current folder, when no --assembly is given)",
    };

    private readonly Option<bool> _noProject = new("--no-project") { Description = "do not look for a project in the current folder (build scripts)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_assemblies);
        command.Options.Add(_project);
        command.Options.Add(_noProject);
    }

    /// <exception cref="ArgumentException">an assembly cannot be loaded, the project does not build, or a declaration is
    /// unusable (the message says which).</exception>
    public ComponentSources Resolve(ParseResult parse)
    {
        var paths = new List<string>(parse.GetValue(_assemblies) ?? []);
        bool lookHere = paths.Count == 0 && !parse.GetValue(_noProject);
        string? project = parse.GetValue(_project) ?? (lookHere ? ProjectBuild.FindInFolder(Environment.CurrentDirectory) : null);
        if (project is not null) paths.Add(ProjectBuild.BuildRelease(project));
        return ComponentSources.Load(paths) with { Project = project is null ? null : Path.GetFullPath(project) };
    }
}

/// <summary>The user's assemblies (as loaded, and their paths for replay hints) and every component binary known:
/// theirs and Kaal.Components'.</summary>
internal sealed record ComponentSources(IReadOnlyList<Assembly> UserAssemblies, IReadOnlyList<string> AssemblyPaths, ComponentSet Components)
{
    /// <summary>The project the user's components were built from, if any: `kaal build` compiles its sources for EL0.</summary>
    public string? Project { get; init; }

    /// <summary>The provider every command has: the repository's system components and drivers.</summary>
    public static Assembly BuiltIn => typeof(Kaal.Components.Supervision.SystemInit).Assembly;

    /// <exception cref="ArgumentException">an assembly cannot be loaded or a declaration is unusable.</exception>
    public static ComponentSources Load(IReadOnlyList<string> paths)
    {
        Assembly[] assemblies = paths.Select(ComponentAssemblies.Load).ToArray();
        ComponentSet components = ComponentDiscovery.FromAssemblies(assemblies.Append(BuiltIn));
        return new ComponentSources(assemblies.Where(assembly => assembly != BuiltIn).ToArray(), paths, components);
    }

    /// <summary>Only the built-in provider.</summary>
    public static ComponentSources BuiltInOnly => Load([]);

    /// <summary>" --assembly P ..." to append to a replay or run command, or the empty string.</summary>
    public string AssemblyArguments => string.Concat(AssemblyPaths.Select(path => $" --assembly {path}"));
}
