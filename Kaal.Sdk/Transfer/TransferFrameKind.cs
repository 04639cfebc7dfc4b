namespace Kaal.Sdk.Transfer;

/// <summary>What a line of a transfer is (<see cref="TransferFrame"/>).</summary>
public enum TransferFrameKind
{
    /// <summary>Not a frame: a command line, or text.</summary>
    None,
    /// <summary>`@put PATH LENGTH IMAGECRC LINECRC`: a transfer begins.</summary>
    Put,
    /// <summary>`@d OFFSET BASE64 LINECRC`: a chunk of the image at its offset.</summary>
    Data,
    /// <summary>`@end LINECRC`: every chunk was sent.</summary>
    End,
}
