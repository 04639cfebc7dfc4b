using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// Builds a scenario type from command-line parameters (<c>--param capacity=8</c>): each constructor parameter comes
/// from the parameter of the same name (case-insensitive) or from its default value. A type that cannot be built
/// says why, so a scenario class without a parameterless constructor is explained instead of skipped.
/// </summary>
public static class ScenarioParameters
{
    /// <summary>"name=value" items into a map; an item without '=' is an <see cref="ArgumentException"/>.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> items)
    {
        var map = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in items)
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new ArgumentException($"--param '{item}': expected NAME=VALUE, e.g. --param capacity=8");
            map[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }
        return map;
    }

    /// <summary>The parameters as one string for a trace ("capacity=8,mode=fast"; "" for none).</summary>
    public static string Format(IReadOnlyDictionary<string, string> parameters) => string.Join(",", parameters.Select(entry => $"{entry.Key}={entry.Value}"));

    /// <summary>What <see cref="Format"/> wrote.</summary>
    public static IReadOnlyDictionary<string, string> FromTrace(string text) =>
        Parse(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>An instance of <paramref name="type"/>, or null with <paramref name="why"/> saying what it needs.</summary>
    public static SimScenario? TryCreate(Type type, IReadOnlyDictionary<string, string> parameters, out string why)
    {
        why = "";
        ConstructorInfo[] constructors = type.GetConstructors();
        if (constructors.Length == 0)
        {
            why = $"{type.Name} has no public constructor";
            return null;
        }
        ConstructorInfo constructor = constructors.OrderByDescending(c => c.GetParameters().Count(p => parameters.ContainsKey(p.Name ?? ""))).ThenBy(c => c.GetParameters().Length).First();
        ParameterInfo[] declared = constructor.GetParameters();
        string signature = $"{type.Name}({string.Join(", ", declared.Select(p => $"{p.ParameterType.Name} {p.Name}"))})";
        string? unknown = parameters.Keys.FirstOrDefault(name => !declared.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));
        if (unknown is not null)
        {
            why = $"{signature} has no parameter '{unknown}'";
            return null;
        }
        var arguments = new object?[declared.Length];
        var missing = new List<string>();
        for (int index = 0; index < declared.Length; index++)
        {
            ParameterInfo parameter = declared[index];
            if (parameters.TryGetValue(parameter.Name ?? "", out string? text)) arguments[index] = Convert(signature, parameter, text);
            else if (parameter.HasDefaultValue) arguments[index] = parameter.DefaultValue;
            else missing.Add($"--param {parameter.Name}=<{parameter.ParameterType.Name}>");
        }
        if (missing.Count > 0)
        {
            why = $"{signature} has no parameterless constructor: give {string.Join(" ", missing)}";
            return null;
        }
        try
        {
            return (SimScenario)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw new ArgumentException($"{signature} threw {error.InnerException.GetType().Name}: {error.InnerException.Message}", error.InnerException);
        }
    }

    private static object Convert(string signature, ParameterInfo parameter, string text)
    {
        Type type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        try
        {
            if (type.IsEnum) return Enum.Parse(type, text, ignoreCase: true);
            if (type == typeof(bool)) return bool.Parse(text);
            return System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw new ArgumentException($"--param {parameter.Name}={text}: not a {type.Name} ({signature})");
        }
    }
}
