using Kaal.Model;

namespace Kaal.Sdk;

/// <summary>
/// What a syscall returned (docs/abi.md): the status, and on success x1.. as the syscall defines them
/// (for receives: badge, tag, MR0-MR3); on error the reason and detail registers.
/// </summary>
public readonly struct SyscallResult
{
    public readonly KernelError Status;
    public readonly ulong X1;
    public readonly ulong X2;
    public readonly ulong X3;
    public readonly ulong X4;
    public readonly ulong X5;
    public readonly ulong X6;

    public SyscallResult(KernelError status, ulong x1, ulong x2, ulong x3, ulong x4, ulong x5, ulong x6)
    {
        Status = status;
        X1 = x1;
        X2 = x2;
        X3 = x3;
        X4 = x4;
        X5 = x5;
        X6 = x6;
    }

    public bool IsOk => Status == KernelError.Ok;

    /// <summary>Receives: the sender's badge (or the notification word).</summary>
    public ulong Badge => X1;

    /// <summary>Receives: the message tag (<see cref="MessageInfo"/>).</summary>
    public ulong Info => X2;

    public ulong Mr0 => X3;

    public ulong Mr1 => X4;

    public ulong Mr2 => X5;

    public ulong Mr3 => X6;

    public ErrorReason Reason => IsOk ? ErrorReason.None : (ErrorReason)X1;
}
