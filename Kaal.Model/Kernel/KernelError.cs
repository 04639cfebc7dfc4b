namespace Kaal.Model;

/// <summary>
/// The error codes a kernel operation returns, numbered exactly as seL4's <c>seL4_Error</c> so that a
/// user reading seL4's manual reads ours. <see cref="ErrorReason"/> says which rule was broken.
/// </summary>
public enum KernelError : byte
{
    Ok = 0,
    InvalidArgument = 1,
    InvalidCapability = 2,
    IllegalOperation = 3,
    RangeError = 4,
    AlignmentError = 5,
    FailedLookup = 6,
    TruncatedMessage = 7,
    DeleteFirst = 8,
    RevokeFirst = 9,
    NotEnoughMemory = 10,
}
