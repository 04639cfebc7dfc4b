namespace Kaal.Sdk.Transfer;

/// <summary>What the console service does with a frame (<see cref="TransferReceiver.Accept"/>).</summary>
public enum TransferStepKind
{
    /// <summary>Not a frame: the line is a command.</summary>
    NotAFrame,
    /// <summary>A put: create (or empty) the file at <see cref="TransferReceiver.Path"/>, then answer
    /// <see cref="TransferAnswer.Ack"/>(0), or refuse with the fs service's reason.</summary>
    Begin,
    /// <summary>The next chunk: write <see cref="TransferReceiver.Chunk"/> at <see cref="TransferReceiver.Received"/>,
    /// call <see cref="TransferReceiver.Stored"/>, then answer <see cref="TransferAnswer.Ack"/>(Received); or refuse.</summary>
    Store,
    /// <summary>Print the step's answer and do nothing else (a nak, the ack of a chunk already stored).</summary>
    Answer,
    /// <summary>The image is whole and its CRC matches: print the step's answer (done).</summary>
    Finished,
    /// <summary>The transfer is over without an image: empty the file at <see cref="TransferReceiver.Path"/> (so nothing
    /// half-written can be loaded) and print the step's answer (refused).</summary>
    Failed,
}
