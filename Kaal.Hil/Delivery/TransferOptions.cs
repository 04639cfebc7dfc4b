using System;

namespace Kaal.Hil.Delivery;

/// <summary>How patient <see cref="ImageSender"/> is.</summary>
public sealed record TransferOptions
{
    /// <summary>How long one frame's answer may take before the frame is sent again. A frame is one console line of
    /// about 365 bytes: 32 ms at 115,200 baud, far less on QEMU; the rest is the console service's fs writes.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often one frame is sent (the first time included) before the transfer fails.</summary>
    public int MaxTries { get; init; } = 4;

    /// <summary>Called after each acknowledged chunk with the bytes stored so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
