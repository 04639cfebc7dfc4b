namespace Kaal.Hil.Delivery;

/// <summary>What a transfer moved: the image's bytes, the bytes of every line sent (frames and line breaks, re-sends
/// included) the frames sent and how many of them were sent again.</summary>
public sealed record TransferStatistics(long ImageBytes, long BytesSent, int FramesSent, int FramesResent)
{
    /// <summary>Bytes on the wire towards the target per image byte (base64 and framing: about 1.43).</summary>
    public double Overhead => ImageBytes == 0 ? 0 : (double)BytesSent / ImageBytes;
}
