using System;
using System.Threading.Tasks;

namespace Kaal.Sdk.Transfer;

/// <summary>
/// The target's side of an image transfer (<see cref="TransferFrame"/>), without the storage: it checks each frame and
/// says what to do (<see cref="TransferStep"/>); the console service does the fs calls. One frame is in flight: the host
/// sends the next only after the answer to this one, so a UART without flow control never holds more than one line.
/// Chunks are taken in order: a chunk at the offset already stored up to is stored, one before it (sent again after a
/// lost ack) is acknowledged without being written again, one after it is refused with a nak naming the offset
/// expected. The image's CRC-32 is computed as chunks arrive and compared with the put's at the end. The chunk buffer
/// is allocated once, so a transfer allocates nothing per chunk (the EL0 heap never frees).
/// </summary>
public sealed class TransferReceiver
{
    private readonly byte[] _chunk = new byte[TransferFrame.ChunkBytes];
    private uint _expectedCrc;
    private uint _crcSoFar;
    private bool _active;
    private bool _completed;

    /// <summary>The image's path (from the last put).</summary>
    public string Path { get; private set; } = "";

    /// <summary>The image's length in bytes (from the last put).</summary>
    public uint LengthBytes { get; private set; }

    /// <summary>Bytes stored so far: the offset of the next chunk.</summary>
    public uint Received { get; private set; }

    /// <summary>The chunk a <see cref="TransferStepKind.Store"/> step stores: <see cref="ChunkBytes"/> bytes from 0.</summary>
    public byte[] Chunk => _chunk;

    public int ChunkBytes { get; private set; }

    /// <summary>What to do with <paramref name="line"/> (without its line break).</summary>
    public TransferStep Accept(ReadOnlySpan<byte> line)
    {
        TransferFrame frame = TransferFrame.Parse(line, _chunk);
        switch (frame.Kind)
        {
            case TransferFrameKind.None:
                return new TransferStep(TransferStepKind.NotAFrame);
            case TransferFrameKind.Put:
                if (frame.Problem is not null) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Nak(0, frame.Problem));
                Path = frame.Path!;
                LengthBytes = frame.Number;
                _expectedCrc = frame.ImageCrc;
                Received = 0;
                _crcSoFar = 0;
                _active = true;
                _completed = false;
                return new TransferStep(TransferStepKind.Begin);
            case TransferFrameKind.Data:
                return AcceptData(frame);
            default:
                return AcceptEnd(frame);
        }
    }

    /// <summary>Takes <paramref name="length"/> bytes of <paramref name="line"/> (without its line break) as a frame: stores
    /// what it carries in <paramref name="store"/> and returns the answer to print; null when the line is not a frame.</summary>
    public async Task<string?> AnswerAsync(byte[] line, int length, ITransferStore store)
    {
        TransferStep step = Accept(line.AsSpan(0, length));
        switch (step.Kind)
        {
            case TransferStepKind.NotAFrame:
                return null;
            case TransferStepKind.Begin:
                string? created = await store.CreateAsync(Path);
                if (created is null) return TransferAnswer.Ack(0);
                Abort();
                return TransferAnswer.Refused($"{Path}: {created}");
            case TransferStepKind.Store:
                string? written = await store.WriteAsync(Received, _chunk, ChunkBytes);
                if (written is null)
                {
                    Stored();
                    return TransferAnswer.Ack(Received);
                }
                Abort();
                await store.CreateAsync(Path);
                return TransferAnswer.Refused($"{Path}: at offset {Received}: {written}");
            case TransferStepKind.Failed:
                // Nothing half-written stays loadable at the path.
                await store.CreateAsync(Path);
                return step.Answer;
            default:
                return step.Answer;
        }
    }

    /// <summary>The chunk of the last <see cref="TransferStepKind.Store"/> step was written: it counts as received.</summary>
    public void Stored()
    {
        _crcSoFar = Crc32.Append(_crcSoFar, _chunk.AsSpan(0, ChunkBytes));
        Received += (uint)ChunkBytes;
    }

    /// <summary>The storage refused (the console service prints why): the transfer is over.</summary>
    public void Abort()
    {
        _active = false;
        _completed = false;
    }

    private TransferStep AcceptData(TransferFrame frame)
    {
        if (!_active) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Refused("no transfer under way: a put comes first"));
        if (frame.Problem is not null) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Nak(Received, frame.Problem));
        ulong end = (ulong)frame.Number + (ulong)frame.DataBytes;
        if (end > LengthBytes) return Fail($"{Path}: the chunk at {frame.Number} of {frame.DataBytes} bytes runs past the image's length {LengthBytes}");
        if (end <= Received) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Ack(Received));
        if (frame.Number != Received) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Nak(Received, $"expected the chunk at {Received}"));
        ChunkBytes = frame.DataBytes;
        return new TransferStep(TransferStepKind.Store);
    }

    private TransferStep AcceptEnd(TransferFrame frame)
    {
        if (frame.Problem is not null) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Nak(Received, frame.Problem));
        // An end sent again after its answer was lost gets the same answer.
        if (_completed) return new TransferStep(TransferStepKind.Finished, TransferAnswer.Done(Path, LengthBytes, _crcSoFar));
        if (!_active) return new TransferStep(TransferStepKind.Answer, TransferAnswer.Refused("no transfer under way: a put comes first"));
        if (Received < LengthBytes) return Fail($"{Path}: truncated: {Received} of {LengthBytes} bytes arrived");
        if (_crcSoFar != _expectedCrc) return Fail($"{Path}: the image's CRC-32 is {_crcSoFar:X8}, the put said {_expectedCrc:X8}");
        _active = false;
        _completed = true;
        return new TransferStep(TransferStepKind.Finished, TransferAnswer.Done(Path, LengthBytes, _crcSoFar));
    }

    private TransferStep Fail(string reason)
    {
        _active = false;
        _completed = false;
        return new TransferStep(TransferStepKind.Failed, TransferAnswer.Refused(reason));
    }
}
