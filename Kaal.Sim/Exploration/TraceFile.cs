using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaal.Sim.Faults;
using Kaal.Sim.Runtime;
using Kaal.Sim.Strategies;

namespace Kaal.Sim.Exploration;

/// <summary>Reads and writes traces as self-describing JSON. A file of another format or version, or with a
/// missing or ill-typed field, is rejected with the file, the field and what was expected. Version 1 files
/// (thread numbers only, no memory model) are still read, as sequentially consistent schedules.</summary>
public static class TraceFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, Trace trace)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToJson(trace).ToJsonString(Indented) + "\n");
    }

    public static JsonObject ToJson(Trace trace)
    {
        var decisions = new JsonArray();
        foreach (uint decision in trace.Decisions)
        {
            decisions.Add(Decision.IsAlternative(decision) ? JsonValue.Create(Decision.Format(decision)) : JsonValue.Create(decision));
        }
        return new JsonObject
        {
            ["format"] = Trace.FormatName,
            ["version"] = Trace.FormatVersion,
            ["scenario"] = trace.Scenario,
            ["strategy"] = trace.Strategy,
            ["seed"] = trace.Seed,
            ["iteration"] = trace.Iteration,
            ["scheduleSeed"] = trace.ScheduleSeed,
            ["maxSteps"] = trace.MaxSteps,
            ["checkInvariants"] = trace.CheckInvariants,
            ["outcome"] = trace.Outcome,
            ["message"] = trace.Message,
            ["memoryModel"] = MemoryModels.Name(trace.MemoryModel),
            ["promiseBudget"] = trace.PromiseBudget,
            ["faults"] = trace.Faults,
            ["parameters"] = trace.Parameters,
            ["decisions"] = decisions,
        };
    }

    public static Trace Read(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new TraceFormatException(path, $"not JSON ({error.Message})");
        }
        if (node is not JsonObject root) throw new TraceFormatException(path, "expected a JSON object at the top");
        return FromJson(path, root);
    }

    /// <summary>A trace from its JSON object (<paramref name="path"/> names where it came from, for errors).</summary>
    public static Trace FromJson(string path, JsonObject root)
    {
        string format = Field<string>(path, root, "format");
        if (format != Trace.FormatName) throw new TraceFormatException(path, $"format is '{format}', expected '{Trace.FormatName}'");
        int version = Field<int>(path, root, "version");
        if (version is < 1 or > Trace.FormatVersion)
        {
            throw new TraceFormatException(path, $"version {version} is not supported (this kaal reads version {Trace.FormatVersion})");
        }
        if (root["decisions"] is not JsonArray array) throw new TraceFormatException(path, "'decisions' must be an array of thread numbers and choices");
        var decisions = new List<uint>(array.Count);
        for (int index = 0; index < array.Count; index++)
        {
            if (array[index] is JsonValue value && value.TryGetValue(out uint thread) && !Decision.IsAlternative(thread))
            {
                decisions.Add(thread);
            }
            else if (version >= 2 && array[index] is JsonValue text && text.TryGetValue(out string? choice) && Decision.TryParseAlternative(choice, out uint alternative))
            {
                decisions.Add(alternative);
            }
            else
            {
                throw new TraceFormatException(path, $"decisions[{index}] is {array[index]?.ToJsonString() ?? "null"}, expected a thread number{(version >= 2 ? " or a choice such as \"read-from:1\"" : "")}");
            }
        }
        MemoryModel memoryModel = MemoryModel.Sc;
        int promiseBudget = 0;
        if (version >= 2)
        {
            string model = Field<string>(path, root, "memoryModel");
            try
            {
                memoryModel = MemoryModels.Parse(model);
            }
            catch (ArgumentException error)
            {
                throw new TraceFormatException(path, $"field 'memoryModel': {error.Message}");
            }
            promiseBudget = Field<int>(path, root, "promiseBudget");
        }
        // Optional: traces written before fault injection have no faults.
        string faults = "";
        if (root["faults"] is JsonNode node && !(node is JsonValue faultsValue && faultsValue.TryGetValue(out faults!)))
        {
            throw new TraceFormatException(path, $"field 'faults' is {node.ToJsonString()}, expected a fault spec string");
        }
        // Optional: traces written before parameterised scenarios have none.
        string parameters = "";
        if (root["parameters"] is JsonNode parametersNode && !(parametersNode is JsonValue parametersValue && parametersValue.TryGetValue(out parameters!)))
        {
            throw new TraceFormatException(path, $"field 'parameters' is {parametersNode.ToJsonString()}, expected a string such as \"capacity=8\"");
        }
        try
        {
            FaultSettings.Parse(faults);
        }
        catch (ArgumentException error)
        {
            throw new TraceFormatException(path, $"field 'faults': {error.Message}");
        }
        return new Trace(
            Field<string>(path, root, "scenario"), Field<string>(path, root, "strategy"), Field<ulong>(path, root, "seed"),
            Field<int>(path, root, "iteration"), Field<ulong>(path, root, "scheduleSeed"), Field<int>(path, root, "maxSteps"),
            Field<bool>(path, root, "checkInvariants"), decisions, Field<string>(path, root, "outcome"), Field<string>(path, root, "message"),
            memoryModel, promiseBudget, faults, parameters);
    }

    private static T Field<T>(string path, JsonObject root, string name) =>
        JsonFields.Get<T>(root, name, problem => new TraceFormatException(path, problem));
}

/// <summary>A trace file that is not a version-1 kaal trace, or is damaged.</summary>
public sealed class TraceFormatException(string path, string problem) : Exception($"{path}: {problem}");
