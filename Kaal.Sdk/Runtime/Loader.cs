using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.FileSystem;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// A component's end of system_init's loader for one target (`process:reload:TARGET`, docs/hot-reload.md): asks it to
/// replace the running target with the image at a path of the image store. The endpoint's badge names the target, so
/// holding this is the authority; the request carries only the path.
/// </summary>
public sealed class Loader(Sys sys, string target, ulong endpoint)
{
    /// <summary>Paths travel in the message's four registers.</summary>
    public const int MaxPathBytes = PathWords.MaxBytes;
    /// <summary>Request label: ReplaceLabel + the path's length in bytes (1..32), the path packed in MR0..MR3.</summary>
    public const ulong ReplaceLabel = 0x400;

    public string Target { get; } = target;

    /// <summary>Asks for the replacement; <see cref="LoaderReply.Refused"/> for a path that is empty, too long or not
    /// ASCII without asking.</summary>
    public async Task<LoaderReply> ReplaceAsync(string imagePath)
    {
        if (!PathWords.TryPack(imagePath, out ulong w0, out ulong w1, out ulong w2, out ulong w3)) return LoaderReply.Refused;
        ulong info = MessageInfo.Make(ReplaceLabel + (ulong)imagePath.Length, 4, 0, 0);
        SyscallResult reply = await sys.Call(endpoint, info, w0, w1, w2, w3);
        if (!reply.IsOk) return LoaderReply.Busy;
        return (LoaderReply)MessageInfo.Label(reply.Info);
    }
}
