using System.Collections.Generic;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Discovery;

/// <summary>
/// Names of message labels for reports (step log, replay, timeline): the SDK's own protocols (<see cref="Protocol"/>)
/// and those components declare with <see cref="KaalMessageLabelAttribute"/>. Requests and replies are named apart, since
/// a protocol's reply labels reuse request numbers. Two protocols may use one number: both names are shown ("A.X|B.Y"),
/// in the ordinal order of their components, so the text is the same on every run and machine.
/// </summary>
public sealed class MessageLabelNames
{
    private readonly Dictionary<ulong, string> _requests = new();
    private readonly Dictionary<ulong, string> _replies = new();

    /// <summary>The SDK's protocols only.</summary>
    public static MessageLabelNames Sdk { get; } = SdkNames();

    /// <summary>The SDK's names and every label <paramref name="components"/> declare.</summary>
    public static MessageLabelNames For(IEnumerable<DiscoveredComponent> components)
    {
        MessageLabelNames names = SdkNames();
        foreach (DiscoveredComponent component in components)
        {
            string owner = component.Implementation?.Name ?? component.Binary;
            foreach (DeclaredMessageLabel label in component.Labels ?? []) names.Add(label.Label, $"{owner}.{label.Name}", label.Reply);
        }
        return names;
    }

    /// <summary>The label's name, or <c>label N</c> when nothing names it (reports never leave a label out).</summary>
    public string Describe(ulong label, bool reply) => Find(label, reply) ?? $"label {label}";

    /// <summary>The name of request (or reply) <paramref name="label"/>, or null when nothing names it.</summary>
    public string? Find(ulong label, bool reply)
    {
        if (!reply && label > Protocol.ConsoleWriteLabel && label <= Protocol.ConsoleWriteLabel + Protocol.ConsoleBytesPerMessage)
            return $"Protocol.ConsoleWrite[{label - Protocol.ConsoleWriteLabel} bytes]";
        return (reply ? _replies : _requests).TryGetValue(label, out string? name) ? name : null;
    }

    private void Add(ulong label, string name, bool reply)
    {
        Dictionary<ulong, string> table = reply ? _replies : _requests;
        if (!table.TryGetValue(label, out string? known)) table.Add(label, name);
        else if (!$"|{known}|".Contains($"|{name}|", System.StringComparison.Ordinal)) table[label] = $"{known}|{name}";
    }

    private static MessageLabelNames SdkNames()
    {
        var names = new MessageLabelNames();
        names.Add(Protocol.ReadyLabel, "Protocol.Ready", reply: false);
        names.Add(Protocol.ExitLabel, "Protocol.Exit", reply: false);
        names.Add(Protocol.SleepLabel, "Protocol.Sleep", reply: false);
        names.Add(Protocol.UnknownRequestLabel, "Protocol.UnknownRequest", reply: true);
        return names;
    }
}
