using System;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// Names a message label of the protocol a component serves or speaks, where the component is declared (next to
/// <see cref="KaalComponentAttribute"/>; no central list): step logs, `kaal replay` and timelines then show
/// <c>Call(Endpoint 'kv', KvStore.Put, words=[3, 7])</c> instead of the raw tag. Shown as the declaring type's name,
/// a dot and <see cref="Name"/>. A label names a request (Call, Send) unless <see cref="Reply"/> is set, since a
/// protocol's reply labels often reuse its request numbers (0 for "ok").
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KaalMessageLabelAttribute : Attribute
{
    public KaalMessageLabelAttribute(ulong label, string name)
    {
        Label = label;
        Name = name;
    }

    /// <summary>The label as sent (the tag's bits 12-63, <c>MessageInfo.Label</c>).</summary>
    public ulong Label { get; }

    /// <summary>A C# identifier, e.g. "Put".</summary>
    public string Name { get; }

    /// <summary>The label of a reply (Reply, ReplyRecv) rather than of a request.</summary>
    public bool Reply { get; set; }
}
