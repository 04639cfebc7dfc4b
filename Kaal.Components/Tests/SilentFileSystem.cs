using System.Threading.Tasks;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Tests;

/// <summary>fs_silent: serves `fs` and never answers the loader (a fs that hangs): system_init's read of an image must
/// fail at its deadline, with the running version untouched, and system_init must go on (docs/hot-reload.md).</summary>
[KaalComponent(Binary, ComponentType.Service, "1.0.0", Description = "an fs service that never answers the loader (tests)",
    Expects = ["ipc:fs:server"])]
public sealed class SilentFileSystem : ServiceBase
{
    public const string Binary = "fs_silent";

    protected override string ServiceName => FileSystemProtocol.ServiceName;

    protected override ValueTask<Reply> HandleAsync(Request request) => new(request.IsNotification ? Reply.None : Reply.With(Protocol.UnknownRequestLabel));
}
