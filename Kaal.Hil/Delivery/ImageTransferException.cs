using System;

namespace Kaal.Hil.Delivery;

/// <summary>A transfer did not store the image: the target refused it (its reason), or stopped answering (the offset it
/// was at). Nothing half-written is left loadable at the path: the console service empties it.</summary>
public sealed class ImageTransferException(string message) : Exception(message);
