using System.Buffers.Binary;
using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>
/// The service of manifests/hot-reload-state.toml (docs/hot-reload.md, "The handed state"): answers `carrier` with its
/// generation, and hands its successor a whole state page: the generation in the first word, then a pattern that
/// depends on it, <see cref="StateBytes"/> bytes in all. A successor that finds the pattern intact counts on from
/// the generation; one byte lost, moved or stale fails it. Each answer carries the generation and the version number,
/// so a client can tell a successor that started without state from its predecessor.
/// </summary>
[KaalComponent(Binary, ComponentType.Service, "1.0.0", Description = "hands a full state page to its successor (hot-reload-state)",
    Expects = ["ipc:carrier:server"])]
[KaalMessageLabel(GenerationLabel, "Generation")]
public class StateCarrier : ServiceBase
{
    public const string Binary = "state_carrier";
    public const string Name = "carrier";
    public const ulong GenerationLabel = 1;
    public const uint StateVersion = 1;

    private ulong _generation = 1;

    protected override string ServiceName => Name;

    /// <summary>The version number each answer carries.</summary>
    protected virtual ulong VersionNumber => 1;

    /// <summary>The blob's size: the most a state page holds.</summary>
    protected virtual int StateBytes => StatePage.MaxStateBytes;

    public override HandedState SaveState()
    {
        var bytes = new byte[StateBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, _generation);
        for (int index = sizeof(ulong); index < bytes.Length; index++) bytes[index] = Pattern(_generation, index);
        return new HandedState(StateVersion, bytes);
    }

    public override async Task RunAsync()
    {
        HandedState handed = Context.HandedState;
        if (handed.Version == StateVersion)
        {
            byte[] bytes = handed.Bytes;
            ulong previous = handed.Word(0);
            int damaged = bytes.Length == StateBytes ? FirstDamaged(bytes, previous) : 0;
            if (damaged >= 0) Sys.Fail($"generation {previous + 1}: the handed state ({bytes.Length} bytes) differs at byte {damaged}");
            _generation = previous + 1;
            await Console.WriteLineAsync($"generation {_generation} took over {bytes.Length} bytes of state intact");
        }
        else
        {
            await Console.WriteLineAsync($"generation {_generation} started without handed state");
        }
        await base.RunAsync();
    }

    protected override ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification || request.Label != GenerationLabel) return new(Reply.With(Protocol.UnknownRequestLabel));
        return new(Reply.With(GenerationLabel, _generation, VersionNumber));
    }

    private static byte Pattern(ulong generation, int index) => (byte)(generation * 31 + (ulong)index * 7);

    /// <summary>The first byte after the generation word that is not the pattern (-1: none).</summary>
    private static int FirstDamaged(byte[] bytes, ulong generation)
    {
        for (int index = sizeof(ulong); index < bytes.Length; index++)
        {
            if (bytes[index] != Pattern(generation, index)) return index;
        }
        return -1;
    }
}
