using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Kaal.Sim.Scenarios;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Catches state that leaks from one schedule into the next. A scenario is built once per simulation and every
/// schedule restores the kernel and memory, not C# objects: a field of the scenario, a variable a component's code
/// captured, or a static field of either, that a run changes is seen by the next run, which then does not replay.
/// The guard remembers, after set-up, every scalar field (numbers, enums, strings) of the scenario object, of the
/// closures the components' code captures (following compiler-made closures a few levels), and the static scalar
/// fields of their types; after every schedule it compares, and stops with the first field that changed. Collections
/// and other objects are not compared (tests may collect observations across runs on purpose).
/// </summary>
internal sealed class ScenarioStateGuard
{
    private const int ClosureDepth = 3;
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly record struct Watched(object? Owner, FieldInfo Field, string Where, object? Value);

    private readonly List<Watched> _watched = new();
    private readonly string _scenario;

    public ScenarioStateGuard(SimScenario scenario, IReadOnlyList<SimThread> threads)
    {
        _scenario = scenario.Name;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var types = new HashSet<Type>();
        Watch(scenario, $"the scenario object ({scenario.GetType().Name})", 0, seen, types);
        foreach (SimThread thread in threads)
        {
            if (thread.Entry.Target is object target) Watch(target, $"the variables component '{thread.Name}' captures", 0, seen, types);
        }
        foreach (Type type in types) WatchStatics(type);
    }

    /// <summary>Throws <see cref="ScenarioAuthoringException"/> naming the first watched field that
    /// <paramref name="schedule"/> changed.</summary>
    public void Check(int schedule)
    {
        foreach (Watched watched in _watched)
        {
            object? now = watched.Field.GetValue(watched.Owner);
            if (Equals(now, watched.Value)) continue;
            throw new ScenarioAuthoringException(
                $"scenario {_scenario}: field '{Readable(watched.Field.Name)}' of {watched.Where} changed from {Show(watched.Value)} to {Show(now)} during schedule {schedule}. " +
                "Build runs once and every schedule starts from its kernel and memory, not from fresh C# objects, so this state carries into the next schedule and runs would not replay. " +
                "Keep a run's state in local variables inside the component's code (or in simulated memory), not in fields, statics or variables captured from Build");
        }
    }

    private void Watch(object owner, string where, int depth, HashSet<object> seen, HashSet<Type> types)
    {
        if (!seen.Add(owner)) return;
        for (Type? type = owner.GetType(); type is not null && type != typeof(object) && type != typeof(SimScenario); type = type.BaseType)
        {
            types.Add(type);
            foreach (FieldInfo field in type.GetFields(Instance))
            {
                object? value = field.GetValue(owner);
                if (IsScalar(field.FieldType)) _watched.Add(new Watched(owner, field, where, value));
                else if (value is not null && depth < ClosureDepth && IsCompilerMade(field.FieldType)) Watch(value, where, depth + 1, seen, types);
            }
        }
    }

    private void WatchStatics(Type type)
    {
        foreach (FieldInfo field in type.GetFields(Static))
        {
            if (field.IsLiteral || field.IsInitOnly || !IsScalar(field.FieldType)) continue;
            _watched.Add(new Watched(null, field, $"static fields of {type.Name}", field.GetValue(null)));
        }
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static bool IsCompilerMade(Type type) => type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>The name as written: a captured primary-constructor parameter or an auto-property's backing field
    /// without the compiler's decoration.</summary>
    private static string Readable(string name)
    {
        if (!name.StartsWith('<')) return name;
        int close = name.IndexOf('>', StringComparison.Ordinal);
        return close > 1 ? name[1..close] : name;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        _ => value.ToString() ?? "?",
    };
}
