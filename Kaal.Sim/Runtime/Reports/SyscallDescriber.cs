using System.Text;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Message syscalls in the step log (and so in `kaal replay` and timelines) decoded: the object the capability names,
/// the label by name (the scenario's <see cref="Scenarios.SimScenario.MessageLabels"/>: the SDK's protocols and those
/// components declare) or as a number when nothing names it, and the words the message carries.
/// </summary>
internal sealed class SyscallDescriber(SimState state, ObjectNames names)
{
    /// <summary>Words below this are counts, keys and small values, clearer in decimal; larger ones are addresses, masks
    /// and packed bytes, clearer in hex.</summary>
    private const ulong DecimalWordLimit = 0x1000;

    /// <summary>E.g. <c>Call(Endpoint 'kv', KvStore.Put, words=[3, 0x7F00])</c>; other syscalls as their first three
    /// argument registers.</summary>
    public string Text(SimThread sim, in PendingOperation op) => op.Number switch
    {
        Syscall.Send or Syscall.NBSend or Syscall.Call => $"{op.Number}({names.CapabilityName(sim, op.A0)}, {MessageText(op, reply: false)})",
        Syscall.ReplyRecv => $"ReplyRecv({names.CapabilityName(sim, op.A0)}, {MessageText(op, reply: true)})",
        Syscall.Reply => $"Reply({MessageText(op, reply: true)})",
        _ => $"{op.Number}({op.A0}, {op.A1}, {op.A2})",
    };

    /// <summary>The tag's label and the words in x2-x5 (those beyond MR3 are in the IPC buffer: counted, not shown).</summary>
    private string MessageText(in PendingOperation op, bool reply)
    {
        ulong label = MessageInfo.Label(op.A1);
        var text = new StringBuilder(state.Scenario.MessageLabels.Find(label, reply) ?? $"label {label}");
        int length = MessageInfo.Length(op.A1);
        if (!reply && label > Sdk.Runtime.Protocol.ConsoleWriteLabel && label <= Sdk.Runtime.Protocol.ConsoleWriteLabel + Sdk.Runtime.Protocol.ConsoleBytesPerMessage)
            return AppendConsoleText(text, op, (int)(label - Sdk.Runtime.Protocol.ConsoleWriteLabel)).ToString();
        text.Append(", words=[");
        for (int index = 0; index < length && index < MessageInfo.RegisterMessageCount; index++)
        {
            if (index > 0) text.Append(", ");
            ulong word = MessageWord(op, index);
            text.Append(word < DecimalWordLimit ? word.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"0x{word:X}");
        }
        text.Append(']');
        if (length > MessageInfo.RegisterMessageCount) text.Append($" +{length - MessageInfo.RegisterMessageCount} in the IPC buffer");
        if (MessageInfo.ExtraCaps(op.A1) > 0) text.Append($", caps={MessageInfo.ExtraCaps(op.A1)}");
        return text.ToString();
    }

    /// <summary>MR<paramref name="index"/> (0..3) of a message being sent: x2..x5.</summary>
    private static ulong MessageWord(in PendingOperation op, int index) => index switch { 0 => op.A2, 1 => op.A3, 2 => op.A4, _ => op.A5 };

    /// <summary>Console output's bytes (packed little-endian in MR0..MR3) as quoted text, unprintable ones escaped:
    /// <c>Protocol.ConsoleWrite[6 bytes], text="hello\n"</c>.</summary>
    private static StringBuilder AppendConsoleText(StringBuilder text, in PendingOperation op, int bytes)
    {
        text.Append(", text=\"");
        for (int index = 0; index < bytes; index++)
        {
            ulong word = MessageWord(op, index / 8);
            char c = (char)(byte)(word >> (8 * (index % 8)));
            if (c == '\n') text.Append("\\n");
            else if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (c is < ' ' or > '~') text.Append($"\\x{(int)c:X2}");
            else text.Append(c);
        }
        return text.Append('"');
    }
}
