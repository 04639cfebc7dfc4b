using System.Text;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>
/// Message syscalls in the step log (and so in `kaal replay` and timelines) decoded: the object the capability names,
/// the label by name (the scenario's <see cref="Scenarios.SimScenario.MessageLabels"/>: the SDK's protocols and those
/// components declare) or as a number when nothing names it, and the words the message carries; and what a receive
/// got (a request from whom, a reply, a signal's word, a fault message by its kind) the same way.
/// </summary>
internal sealed class SyscallDescriber(SimState state, ObjectNames names)
{
    /// <summary>Words below this are counts, keys and small values, clearer in decimal; larger ones are addresses, masks
    /// and packed bytes, clearer in hex.</summary>
    private const ulong DecimalWordLimit = 0x1000;

    /// <summary>A message's tag and its first four words (MR0..MR3, the ones in registers).</summary>
    private readonly record struct Message(ulong Info, ulong Mr0, ulong Mr1, ulong Mr2, ulong Mr3)
    {
        public ulong Word(int index) => index switch { 0 => Mr0, 1 => Mr1, 2 => Mr2, _ => Mr3 };
    }

    /// <summary>E.g. <c>Call(Endpoint 'kv', KvStore.Put, words=[3, 0x7F00])</c>, <c>Recv(Endpoint 'kv')</c>; other
    /// syscalls as their first three argument registers.</summary>
    public string Text(SimThread sim, in PendingOperation op) => op.Number switch
    {
        Syscall.Send or Syscall.NBSend or Syscall.Call => $"{op.Number}({names.CapabilityName(sim, op.A0)}, {MessageText(Sent(op), reply: false)})",
        Syscall.ReplyRecv => $"ReplyRecv({names.CapabilityName(sim, op.A0)}, {MessageText(Sent(op), reply: true)})",
        Syscall.Reply => $"Reply({MessageText(Sent(op), reply: true)})",
        Syscall.Recv or Syscall.NBRecv or Syscall.Wait or Syscall.Poll or Syscall.Signal => $"{op.Number}({names.CapabilityName(sim, op.A0)})",
        _ => $"{op.Number}({op.A0}, {op.A1}, {op.A2})",
    };

    /// <summary>What <paramref name="receiver"/>'s receive in <paramref name="op"/> got, once it completed (its
    /// registers hold it): null for a syscall that receives nothing. <paramref name="nameCaller"/>: say whose Call it
    /// was (a wake-up names the sender already).</summary>
    public string? Received(SimThread receiver, Syscall op, bool nameCaller)
    {
        if (op is not (Syscall.Recv or Syscall.NBRecv or Syscall.ReplyRecv or Syscall.Call or Syscall.Wait or Syscall.Poll)) return null;
        SyscallResult result = ThreadResult.Of(state.Kernel, receiver.ModelThread);
        if (!result.IsOk) return $"{result.Status} ({result.Reason})";
        if (op is Syscall.Wait or Syscall.Poll) return $"signal word 0x{result.Badge:X}";
        if (op != Syscall.Call && result.Info == 0) return $"a signal of its bound notification, word 0x{result.Badge:X}";
        var message = new Message(result.Info, result.Mr0, result.Mr1, result.Mr2, result.Mr3);
        if (op == Syscall.Call) return "reply " + MessageText(message, reply: true);
        if (SenderOf(receiver, faulted: true) is SimThread faulted) return $"the fault message of {faulted.Name}: {FaultText.Of(message.Info, message.Mr0, message.Mr1)}";
        string from = nameCaller && SenderOf(receiver, faulted: false) is SimThread caller ? $" from {caller.Name}'s Call" : "";
        return MessageText(message, reply: false) + from + (result.Badge != 0 ? $", badge {result.Badge}" : "");
    }

    /// <summary>The thread whose reply <paramref name="receiver"/> now owes: the caller (or the faulted thread) whose
    /// message it just took, if any.</summary>
    private SimThread? SenderOf(SimThread receiver, bool faulted)
    {
        foreach (SimThread thread in state.Threads.All)
        {
            ref readonly Model.ThreadEntry entry = ref state.Kernel.ThreadAt(thread.ModelThread);
            if (entry.State == ThreadState.BlockedOnReply && entry.FaultPending == faulted && state.Kernel.ReplierTo(thread.ModelThread) == receiver.ModelThread) return thread;
        }
        return null;
    }

    private static Message Sent(in PendingOperation op) => new(op.A1, op.A2, op.A3, op.A4, op.A5);

    /// <summary>The tag's label and the words in MR0..MR3 (those beyond are in the IPC buffer: counted, not shown).</summary>
    private string MessageText(Message message, bool reply)
    {
        ulong label = MessageInfo.Label(message.Info);
        var text = new StringBuilder(state.Scenario.MessageLabels.Describe(label, reply));
        int length = MessageInfo.Length(message.Info);
        if (!reply && label > Sdk.Runtime.Protocol.ConsoleWriteLabel && label <= Sdk.Runtime.Protocol.ConsoleWriteLabel + Sdk.Runtime.Protocol.ConsoleBytesPerMessage)
            return AppendConsoleText(text, message, (int)(label - Sdk.Runtime.Protocol.ConsoleWriteLabel)).ToString();
        text.Append(", words=[");
        for (int index = 0; index < length && index < MessageInfo.RegisterMessageCount; index++)
        {
            if (index > 0) text.Append(", ");
            ulong word = message.Word(index);
            text.Append(word < DecimalWordLimit ? word.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"0x{word:X}");
        }
        text.Append(']');
        if (length > MessageInfo.RegisterMessageCount) text.Append($" +{length - MessageInfo.RegisterMessageCount} in the IPC buffer");
        if (MessageInfo.ExtraCaps(message.Info) > 0) text.Append($", caps={MessageInfo.ExtraCaps(message.Info)}");
        return text.ToString();
    }

    /// <summary>Console output's bytes (packed little-endian in MR0..MR3) as quoted text, unprintable ones escaped:
    /// <c>Protocol.ConsoleWrite[6 bytes], text="hello\n"</c>.</summary>
    private static StringBuilder AppendConsoleText(StringBuilder text, Message message, int bytes)
    {
        text.Append(", text=\"");
        for (int index = 0; index < bytes; index++)
        {
            ulong word = message.Word(index / 8);
            char c = (char)(byte)(word >> (8 * (index % 8)));
            if (c == '\n') text.Append("\\n");
            else if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (c is < ' ' or > '~') text.Append($"\\x{(int)c:X2}");
            else text.Append(c);
        }
        return text.Append('"');
    }
}
