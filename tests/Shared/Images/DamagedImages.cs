using System;
using Kaal.Sdk;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;
using Kaal.Sdk.Manifest;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>
/// Component images system_init must refuse before a spawn, made the same way for the simulator's images and for the
/// images embedded in a kernel image (patched in place there, so their size stays): the default system's ipc_producer
/// with a damaged metadata section, or with metadata that expects a capability its manifest entry does not grant. Both
/// worlds print the same lifecycle lines (<see cref="ExpectedLines"/>): the failed spawn with the check's message, no
/// restart (restart = "never"), ipc_consumer not started because it depends on ipc_producer, and a shutdown.
/// </summary>
public static class DamagedImages
{
    public const string Binary = "ipc_producer";

    public enum Damage
    {
        /// <summary>The metadata section's magic is broken (a damaged image).</summary>
        MetadataMagic,
        /// <summary>The metadata expects "ipc:numbers:consumer", which the manifest does not grant ipc_producer.</summary>
        UngrantedExpectation,
    }

    /// <summary>Applies <paramref name="damage"/> to the image in place (<paramref name="producer"/>: ipc_producer's declaration).</summary>
    public static void Apply(Damage damage, Span<byte> image, DiscoveredComponent producer)
    {
        Outcome<(int Offset, int Size)> section = ElfSections.Find(image.ToArray(), 0, image.Length, ComponentMetadataLayout.SectionName);
        Assert.False(section.Failed, section.Failed ? section.Failure.Message : "");
        Span<byte> metadata = image.Slice(section.Value.Offset, section.Value.Size);
        if (damage == Damage.MetadataMagic)
        {
            metadata[0] ^= 0xFF;
            return;
        }
        ExpectedCapability consumer = ExpectedCapability.Parse("ipc:numbers:consumer", out string? error) ?? throw new InvalidOperationException(error);
        byte[] replaced = ComponentMetadataWriter.Write(producer with { Expects = [consumer] });
        Assert.Equal(metadata.Length, replaced.Length);
        replaced.CopyTo(metadata);
    }

    /// <summary>What system_init reports about the damaged ipc_producer, in order, without the console prefix.</summary>
    public static string[] ExpectedLines(Damage damage) =>
    [
        "phase drivers",
        "spawned serial_driver (priority 200)",
        "started serial_driver",
        "spawned timer_driver (priority 190)",
        "started timer_driver",
        "phase applications",
        "spawn failed for ipc_producer: spawning ipc_producer: " + damage switch
        {
            Damage.MetadataMagic => "image of binary ipc_producer: metadata section .kaal.component: magic 0x31504D434C4141B4, not 0x31504D434C41414B (\"KAALCMP1\")",
            _ => "'ipc_producer' grants less than binary ipc_producer expects: nothing in its capabilities grants \"ipc:numbers:consumer\" (the image's metadata section)",
        },
        "not restarting ipc_producer (restart = never)",
        "not starting ipc_consumer: dependency ipc_producer failed",
        "all applications have ended; shutting down",
        "stopped timer_driver",
        "stopped serial_driver",
        "summary: 2 started, 0 restarted, 0 faulted, 1 failed, 2 not started",
    ];
}
