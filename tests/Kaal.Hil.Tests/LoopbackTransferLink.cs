using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Delivery;
using Kaal.Sdk.Transfer;
using Kaal.Tests.Shared.Transfer;

namespace Kaal.Hil.Tests;

/// <summary>A console in memory: each line the sender writes goes, through <see cref="Damage"/>, to a
/// <see cref="TransferReceiver"/> over a <see cref="MemoryTransferStore"/>, and its answer, through
/// <see cref="LoseAnswer"/>, back. Nothing waits: an answer is there at once or never (a lost one is the timeout).</summary>
internal sealed class LoopbackTransferLink : ITransferLink
{
    private readonly TransferReceiver _receiver = new();
    private readonly Queue<TransferAnswer> _answers = new();
    private int _lines;

    public MemoryTransferStore Store { get; init; } = new();

    /// <summary>The line the target gets for line N (0-based) the sender wrote; null: it is lost.</summary>
    public Func<int, string, string?> Damage { get; init; } = (_, line) => line;

    /// <summary>Whether the answer to line N is lost on its way back.</summary>
    public Func<int, bool> LoseAnswer { get; init; } = _ => false;

    public List<string> Sent { get; } = [];

    public async Task SendLineAsync(string line, CancellationToken cancellationToken)
    {
        int number = _lines++;
        Sent.Add(line);
        string? arrived = Damage(number, line);
        if (arrived is null) return;
        byte[] bytes = Encoding.ASCII.GetBytes(arrived);
        string? answer = await _receiver.AnswerAsync(bytes, bytes.Length, Store);
        if (answer is not null && !LoseAnswer(number)) _answers.Enqueue(TransferAnswer.Parse(Encoding.ASCII.GetBytes(answer)));
    }

    public Task<TransferAnswer?> NextAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<TransferAnswer?>(_answers.TryDequeue(out TransferAnswer answer) ? answer : null);
}
