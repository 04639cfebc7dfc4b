using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Applications.HotReload;

/// <summary>
/// The service of manifests/hot-reload-service.toml (docs/hot-reload.md): answers each request on `echo` with how many
/// requests it has served so far, this one included, and its version number. The count is the state it hands a
/// successor, so a client that sees the counts 1, 2, 3, ... knows that no request was lost or answered twice across a
/// replacement.
/// </summary>
public abstract class EchoServiceBase : ServiceBase
{
    public const string Name = "echo";
    public const ulong EchoLabel = 1;
    public const uint StateVersion = 1;

    private ulong _served;

    protected override string ServiceName => Name;

    /// <summary>The version number each answer carries.</summary>
    protected abstract ulong VersionNumber { get; }

    public override HandedState SaveState() => HandedState.OfWords(StateVersion, [_served]);

    public override async Task RunAsync()
    {
        bool handed = Context.HandedState.Version == StateVersion;
        if (handed) _served = Context.HandedState.Word(0);
        // The count handed over is the schedule's choice: kept off the console (the differential check compares it).
        await Console.WriteLineAsync($"echo version {VersionNumber} serving{(handed ? ", counting on from the handed count" : "")}");
        await base.RunAsync();
    }

    protected override ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification || request.Label != EchoLabel) return new(Reply.With(Protocol.UnknownRequestLabel));
        _served++;
        return new(Reply.With(EchoLabel, _served, VersionNumber));
    }
}
