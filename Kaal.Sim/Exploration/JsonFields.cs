using System;
using System.Text.Json.Nodes;

namespace Kaal.Sim.Exploration;

/// <summary>Typed access to the fields of a JSON object read from a file, for readers that reject damaged files
/// by naming the field and what was found.</summary>
internal static class JsonFields
{
    /// <summary>The field's value, or the exception <paramref name="reject"/> makes of what is wrong with it.</summary>
    public static T Get<T>(JsonObject root, string name, Func<string, Exception> reject)
    {
        if (root[name] is JsonValue json && json.TryGetValue(out T? result) && result is not null) return result;
        throw reject($"field '{name}' is {root[name]?.ToJsonString() ?? "nothing"}, expected a {typeof(T).Name}");
    }
}
