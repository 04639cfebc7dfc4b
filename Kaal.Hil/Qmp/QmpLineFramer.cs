using System;
using System.Buffers;

namespace Kaal.Hil.Qmp;

/// <summary>
/// Splits the byte stream into QMP messages. QEMU ends every message with CRLF; a message may arrive in any number of
/// reads and several may arrive in one, so lines are cut from the pipe's buffer as they complete. The framer remembers
/// how far the unfinished tail has been searched for its line break, so a long message that arrives in many reads is
/// searched once (time linear in its length), not once per read.
/// </summary>
internal sealed class QmpLineFramer
{
    /// <summary>Bytes at the front of the buffer already known to hold no line break.</summary>
    private long _searchedBytes;

    /// <summary>Every byte this framer has looked at, for the test that the work is linear.</summary>
    public long ExaminedBytes { get; private set; }

    /// <summary>Cuts the first complete line (without its line break) off the front of the buffer. The buffer must be
    /// the previous call's remainder followed by new bytes.</summary>
    public bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        ReadOnlySequence<byte> unsearched = buffer.Slice(_searchedBytes);
        SequencePosition? end = unsearched.PositionOf((byte)'\n');
        if (end == null)
        {
            ExaminedBytes += unsearched.Length;
            _searchedBytes = buffer.Length;
            line = default;
            return false;
        }
        ExaminedBytes += unsearched.Slice(0, end.Value).Length + 1;
        _searchedBytes = 0;
        line = buffer.Slice(0, end.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }
}
