namespace Kaal.Sdk.Spawn;

/// <summary>
/// What a spawn step is doing, put into words only if it fails. A spawner takes a few steps for each of a child's
/// hundreds of pages; on the CPU every string it built would stay on a heap that never frees, so the common path
/// carries the parts and <see cref="ToString"/> joins them for the error message.
/// </summary>
public readonly struct SpawnStep
{
    private readonly string _subject;
    private readonly string? _detail;
    private readonly string? _action;
    private readonly ulong _address;
    private readonly bool _hasAddress;

    public SpawnStep(string subject, string? action = null)
    {
        _subject = subject;
        _action = action;
    }

    /// <summary>A step about a virtual address, e.g. "segment 0: map at 0x400000".</summary>
    public SpawnStep(string subject, string action, ulong address) : this(subject, action)
    {
        _address = address;
        _hasAddress = true;
    }

    /// <summary>A step about a capability of a kind and a name, e.g. "Endpoint console: insert into slot 0x5".</summary>
    public SpawnStep(string subject, string detail, string action, ulong address) : this(subject, action, address) => _detail = detail;

    public static implicit operator SpawnStep(string description) => new(description);

    public override string ToString()
    {
        string subject = _detail is null || _detail.Length == 0 ? _subject : $"{_subject} {_detail}";
        return _action is null ? subject : _hasAddress ? $"{subject}: {_action} 0x{_address:X}" : $"{subject}: {_action}";
    }
}
