using System;

namespace Kaal.Components.Supervision;

/// <summary>Where a replacement of a running component stands (docs/hot-reload.md).</summary>
public enum ReplacementPhase
{
    /// <summary>The old version was asked to reach a quiescent point; the stop deadline runs.</summary>
    Stopping,
    /// <summary>The new version was spawned; its "ready" has not arrived.</summary>
    StartingNew,
    /// <summary>The new version failed before it was ready; the old one was spawned again.</summary>
    RollingBack,
}

/// <summary>One accepted replacement: the checked image of the new version, and the old one to roll back to.</summary>
public sealed class Replacement(string path, ArraySegment<byte> newImage, string newVersion, ArraySegment<byte> oldImage)
{
    public string Path { get; } = path;

    public ArraySegment<byte> NewImage { get; } = newImage;

    public string NewVersion { get; } = newVersion;

    public ArraySegment<byte> OldImage { get; } = oldImage;

    public ReplacementPhase Phase { get; set; } = ReplacementPhase.Stopping;

    /// <summary>The counter when the old version was asked to stop: the reload's time runs from there to the new
    /// version's "ready" (a timing line on the console, which the differential check leaves out).</summary>
    public ulong StopRequestedTicks { get; set; }
}
