namespace Kaal.Model;

/// <summary>
/// seL4's access rights. Every capability carries them and every derivation masks them, so rights
/// only ever shrink; endpoints, notifications, frames and replies are the types that consult them.
/// </summary>
[System.Flags]
public enum CapRights : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Grant = 4,
    GrantReply = 8,
    All = Read | Write | Grant | GrantReply,
}
