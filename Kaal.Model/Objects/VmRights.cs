namespace Kaal.Model;

/// <summary>Access a mapping grants to user code. Never wider than the frame capability's rights.</summary>
[System.Flags]
public enum VmRights : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
}
