using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Discovery;

/// <summary>
/// The one way the host tools find components: every type carrying <see cref="KaalComponentAttribute"/> in the
/// assemblies they are given (the simulator, the manifest validator, `kaal run`, `kaal explore`, ScenarioAssert,
/// SystemScenario, the HIL runner and the EL0 image build's generated table all start here). Nothing is listed by
/// hand. A declaration that cannot work is refused with every problem at once.
/// </summary>
public static class ComponentDiscovery
{
    /// <exception cref="ComponentDeclarationException">a declaration is unusable, or two declare one binary.</exception>
    public static ComponentSet FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var problems = new List<string>();
        var found = new List<DiscoveredComponent>();
        foreach (Assembly assembly in assemblies.Distinct().OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal))
        {
            found.AddRange(InAssembly(assembly, problems));
        }
        if (problems.Count > 0) throw new ComponentDeclarationException(problems);
        return new ComponentSet(found);
    }

    public static ComponentSet FromAssemblies(params Assembly[] assemblies) => FromAssemblies((IEnumerable<Assembly>)assemblies);

    private static IEnumerable<DiscoveredComponent> InAssembly(Assembly assembly, List<string> problems)
    {
        string assemblyName = assembly.GetName().Name ?? assembly.FullName ?? "?";
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException error)
        {
            problems.Add($"{assemblyName}: its types cannot be loaded ({error.LoaderExceptions.FirstOrDefault()?.Message ?? error.Message})");
            return [];
        }
        var found = new List<DiscoveredComponent>();
        foreach (Type type in types.OrderBy(type => type.FullName, StringComparer.Ordinal))
        {
            KaalComponentAttribute? declaration = type.GetCustomAttribute<KaalComponentAttribute>(inherit: false);
            if (declaration is null) continue;
            DiscoveredComponent? component = Check(type, declaration, assemblyName, problems);
            if (component is not null) found.Add(component);
        }
        return found;
    }

    private static DiscoveredComponent? Check(Type type, KaalComponentAttribute declaration, string assemblyName, List<string> problems)
    {
        string where = $"{type.FullName} in {assemblyName}";
        int before = problems.Count;
        void Problem(string message) => problems.Add($"{where}: {message}");
        if (!typeof(Component).IsAssignableFrom(type)) Problem($"[KaalComponent(\"{declaration.Binary}\")] is on a type that does not derive from Kaal.Sdk.Runtime.Component");
        else if (type.IsAbstract) Problem($"[KaalComponent(\"{declaration.Binary}\")] is on an abstract type: nothing can be started from it");
        else if (type.ContainsGenericParameters) Problem($"[KaalComponent(\"{declaration.Binary}\")] is on an open generic type: declare a closed subclass");
        else if (type.GetConstructor(Type.EmptyTypes) is null || !type.IsVisible) Problem("a component needs to be public with a public parameterless constructor (the CPU's table and the simulator call it)");
        if (!IsBinaryName(declaration.Binary)) Problem($"binary name \"{declaration.Binary}\" must be a lower-case letter followed by lower-case letters, digits or '_', at most {ArgsLayout.NameBytes} characters");
        if (string.IsNullOrWhiteSpace(declaration.Version)) Problem("the version is empty");
        if (declaration.Replaces is { } replaced && (!IsBinaryName(replaced) || replaced == declaration.Binary))
            Problem($"Replaces = \"{replaced}\" must name another binary (a lower-case letter followed by lower-case letters, digits or '_')");
        var expects = new List<ExpectedCapability>();
        foreach (string text in declaration.Expects ?? [])
        {
            ExpectedCapability? expected = ExpectedCapability.Parse(text, out string? error);
            if (expected is null) Problem($"Expects: {error}");
            else expects.Add(expected);
        }
        List<DeclaredMessageLabel> labels = Labels(type, Problem);
        if (problems.Count > before) return null;
        return new DiscoveredComponent(declaration.Binary, declaration.Type, declaration.Version, declaration.Description, expects,
            type.FullName!, assemblyName, () => (Component)Activator.CreateInstance(type)!, type, labels, declaration.Replaces);
    }

    /// <summary>The type's [KaalMessageLabel]s, in label order: a name that is no identifier, or one label named twice
    /// differently, is a problem (a report would otherwise show a name nobody can search the code for).</summary>
    private static List<DeclaredMessageLabel> Labels(Type type, Action<string> problem)
    {
        var labels = new List<DeclaredMessageLabel>();
        foreach (KaalMessageLabelAttribute attribute in type.GetCustomAttributes<KaalMessageLabelAttribute>(inherit: false)
                     .OrderBy(attribute => attribute.Reply).ThenBy(attribute => attribute.Label).ThenBy(attribute => attribute.Name, StringComparer.Ordinal))
        {
            string kind = attribute.Reply ? "reply label" : "label";
            if (!IsIdentifier(attribute.Name)) problem($"[KaalMessageLabel({attribute.Label}, \"{attribute.Name}\")]: the name must be a C# identifier (letters, digits, '_'; not starting with a digit)");
            else if (labels.Find(known => known.Label == attribute.Label && known.Reply == attribute.Reply) is { } known)
                problem($"{kind} {attribute.Label} is named twice: \"{known.Name}\" and \"{attribute.Name}\"");
            else labels.Add(new DeclaredMessageLabel(attribute.Label, attribute.Name, attribute.Reply));
        }
        return labels;
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && !char.IsDigit(text[0]) && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static bool IsBinaryName(string text) =>
        text.Length is > 0 and <= ArgsLayout.NameBytes && text[0] is >= 'a' and <= 'z' && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
