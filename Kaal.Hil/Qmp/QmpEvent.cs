using System;
using System.Text.Json;

namespace Kaal.Hil.Qmp;

/// <summary>An asynchronous QMP event, e.g. STOP, RESUME, RESET, SHUTDOWN. <paramref name="Data"/> is
/// an undefined JsonElement (ValueKind Undefined) when the event carries none.</summary>
public sealed record QmpEvent(string Name, JsonElement Data, DateTimeOffset Timestamp)
{
    /// <summary>A string member of the data, e.g. RESET's "reason"; null when absent.</summary>
    public string? DataString(string member) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(member, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
