namespace Kaal.Sdk.Transfer;

/// <summary>What the console service answers a frame with (<see cref="TransferAnswer"/>).</summary>
public enum TransferAnswerKind
{
    /// <summary>Not an answer.</summary>
    None,
    /// <summary>`xfer ack NEXT`: stored; NEXT bytes are in, send the frame at NEXT.</summary>
    Ack,
    /// <summary>`xfer nak NEXT REASON`: the frame was not taken; send the frame at NEXT again.</summary>
    Nak,
    /// <summary>`xfer done PATH LENGTH CRC`: the whole image is stored and its CRC matches the put's.</summary>
    Done,
    /// <summary>`xfer refused REASON`: the transfer is over without an image (nothing half-written stays at the path).</summary>
    Refused,
}
