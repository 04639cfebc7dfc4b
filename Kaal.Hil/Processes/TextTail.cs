using System.Text;

namespace Kaal.Hil.Processes;

/// <summary>The last characters of a text stream (a process's stderr): enough to say why it failed without
/// letting a chatty process grow memory without bound. Thread-safe.</summary>
public sealed class TextTail
{
    private readonly int _capacityChars;
    private readonly StringBuilder _text = new();
    private bool _truncated;

    public TextTail(int capacityChars)
    {
        _capacityChars = capacityChars;
    }

    public void AppendLine(string line)
    {
        lock (_text)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > _capacityChars)
            {
                _text.Remove(0, _text.Length - _capacityChars);
                _truncated = true;
            }
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _truncated ? "..." + _text : _text.ToString();
        }
    }
}
