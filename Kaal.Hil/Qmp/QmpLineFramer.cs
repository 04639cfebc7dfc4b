using System;
using System.Buffers;

namespace Kaal.Hil.Qmp;

/// <summary>
/// Splits the byte stream into QMP messages. QEMU ends every message with CRLF; a message may arrive in any
/// number of reads and several may arrive in one, so lines are cut from the pipe's buffer as they complete.
/// </summary>
internal static class QmpLineFramer
{
    /// <summary>Cuts the first complete line (without its line break) off the front of the buffer.</summary>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        SequencePosition? end = buffer.PositionOf((byte)'\n');
        if (end == null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }
}
