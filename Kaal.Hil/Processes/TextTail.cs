using System.Text;

namespace Kaal.Hil.Processes;

/// <summary>The last characters of a text stream (a process's stderr, a reset command's output): enough to say why it
/// failed without letting a chatty process grow memory without bound. What was cut is counted and said. Thread-safe.</summary>
public sealed class TextTail
{
    private readonly int _capacityChars;
    private readonly StringBuilder _text = new();
    private long _droppedChars;

    public TextTail(int capacityChars)
    {
        _capacityChars = capacityChars;
    }

    public void AppendLine(string line)
    {
        lock (_text)
        {
            _text.Append(line).Append('\n');
            Trim();
        }
    }

    /// <summary>Text as it came (a chunk of a stream, not necessarily whole lines).</summary>
    public void Append(string text)
    {
        lock (_text)
        {
            // A chunk larger than the whole tail only leaves its own end.
            int keep = text.Length > _capacityChars ? _capacityChars : text.Length;
            _droppedChars += text.Length - keep;
            _text.Append(text, text.Length - keep, keep);
            Trim();
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            int excess = _text.Length > _capacityChars ? _text.Length - _capacityChars : 0;
            long dropped = _droppedChars + excess;
            string kept = _text.ToString(excess, _text.Length - excess);
            return dropped > 0 ? $"[... {dropped} earlier characters cut; the last {kept.Length} follow]\n{kept}" : kept;
        }
    }

    /// <summary>Lets the text grow to twice the capacity before cutting, so that many small appends cost linear time.</summary>
    private void Trim()
    {
        if (_text.Length > 2 * _capacityChars)
        {
            int excess = _text.Length - _capacityChars;
            _text.Remove(0, excess);
            _droppedChars += excess;
        }
    }
}
