using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Sdk.Transfer;

namespace Kaal.Hil.Delivery;

/// <summary>
/// The host's side of an image transfer (<see cref="TransferFrame"/>, docs/hot-reload.md "Delivering a new version"):
/// a put, the chunks in order, an end; one frame in flight. Each frame waits for its answer: an ack moves on, a nak
/// sends the frame at the offset it names, no answer within <see cref="TransferOptions.FrameTimeout"/> sends the frame
/// again; after <see cref="TransferOptions.MaxTries"/> sends of one frame, or a refusal, the transfer fails with
/// <see cref="ImageTransferException"/> naming the offset or the target's reason.
/// </summary>
public sealed class ImageSender(ITransferLink link, TransferOptions options)
{
    private long _bytesSent;
    private int _framesSent;
    private int _framesResent;

    /// <summary>Stores <paramref name="image"/> at <paramref name="path"/> on the target (one transfer at a time).</summary>
    /// <exception cref="ImageTransferException">refused by the target, or it did not answer.</exception>
    public async Task<TransferStatistics> SendAsync(string path, byte[] image, CancellationToken cancellationToken)
    {
        if (image.Length == 0) throw new ImageTransferException($"{path}: the image is empty");
        (_bytesSent, _framesSent, _framesResent) = (0, 0, 0);
        uint next = await ExchangeAsync(TransferFrame.Put(path, (uint)image.Length, Crc32.Of(image)), 0, 0, $"the put of {path}", cancellationToken).ConfigureAwait(false);
        while (next < image.Length)
        {
            int count = Math.Min(TransferFrame.ChunkBytes, image.Length - (int)next);
            uint offset = next;
            next = await ExchangeAsync(TransferFrame.Data(offset, image.AsSpan((int)offset, count)), offset, offset + (uint)count, $"the chunk at offset {offset}", cancellationToken).ConfigureAwait(false);
            options.Progress?.Report(next);
        }
        TransferAnswer done = await EndAsync(path, cancellationToken).ConfigureAwait(false);
        if (done.Number != image.Length || done.Crc != Crc32.Of(image))
        {
            throw new ImageTransferException($"{path}: the target stored {done.Number} bytes with CRC-32 {done.Crc:X8}, the image has {image.Length} with {Crc32.Of(image):X8}");
        }
        return new TransferStatistics(image.Length, _bytesSent, _framesSent, _framesResent);
    }

    /// <summary>Sends <paramref name="frame"/> (for offset <paramref name="frameOffset"/>) until it is acknowledged
    /// with <paramref name="expectedNext"/>, which is returned. A nak naming an earlier offset means the target wants that
    /// chunk again: it is returned, and the caller sends from there.</summary>
    private async Task<uint> ExchangeAsync(string frame, uint frameOffset, uint expectedNext, string what, CancellationToken cancellationToken)
    {
        string lastProblem = "no answer";
        for (int attempt = 1; attempt <= options.MaxTries; attempt++)
        {
            await SendAsync(frame, attempt, cancellationToken).ConfigureAwait(false);
            (bool answered, uint next, string problem) = await AwaitAckAsync(frameOffset, expectedNext, what, cancellationToken).ConfigureAwait(false);
            if (answered) return next;
            lastProblem = problem;
        }
        throw new ImageTransferException($"the target did not acknowledge {what} after {options.MaxTries} tries (last: {lastProblem})");
    }

    /// <summary>Reads answers until one is about this frame: its ack (or a nak sending the caller back), or a nak or the
    /// timeout, either of which sends it again. Answers to earlier sends arriving late are skipped.</summary>
    private async Task<(bool Answered, uint Next, string Problem)> AwaitAckAsync(uint frameOffset, uint expectedNext, string what, CancellationToken cancellationToken)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } answer)
        {
            switch (answer.Kind)
            {
                case TransferAnswerKind.Refused:
                    throw new ImageTransferException($"the target refused the transfer at {what}: {answer.Text}");
                case TransferAnswerKind.Ack when answer.Number == expectedNext:
                    return (true, expectedNext, "");
                case TransferAnswerKind.Nak when answer.Number < frameOffset:
                    return (true, answer.Number, "");
                case TransferAnswerKind.Nak:
                    return (false, 0, $"nak: {answer.Text}");
            }
        }
        return (false, 0, $"no answer within {options.FrameTimeout.TotalSeconds:0.#} s");
    }

    private async Task<TransferAnswer> EndAsync(string path, CancellationToken cancellationToken)
    {
        string frame = TransferFrame.End();
        string lastProblem = "no answer";
        for (int attempt = 1; attempt <= options.MaxTries; attempt++)
        {
            await SendAsync(frame, attempt, cancellationToken).ConfigureAwait(false);
            while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } answer)
            {
                if (answer.Kind == TransferAnswerKind.Done) return answer;
                if (answer.Kind == TransferAnswerKind.Refused) throw new ImageTransferException($"the target refused the image: {answer.Text}");
                if (answer.Kind == TransferAnswerKind.Nak)
                {
                    lastProblem = $"nak: {answer.Text}";
                    break;
                }
            }
        }
        throw new ImageTransferException($"the target did not confirm the end of {path} after {options.MaxTries} tries (last: {lastProblem})");
    }

    private async Task SendAsync(string frame, int attempt, CancellationToken cancellationToken)
    {
        await link.SendLineAsync(frame, cancellationToken).ConfigureAwait(false);
        _bytesSent += frame.Length + 1;
        _framesSent++;
        if (attempt > 1) _framesResent++;
    }

    private Task<TransferAnswer?> ReadAsync(CancellationToken cancellationToken) => link.NextAnswerAsync(options.FrameTimeout, cancellationToken);
}
