using System.Threading.Tasks;
using Kaal.Model;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// A component's end of system_init's loader for one target (`process:reload:TARGET`, docs/hot-reload.md): asks it to
/// replace the running target with the image at a path of the image store. The endpoint's badge names the target, so
/// holding this is the authority; the request carries only the path.
/// </summary>
public sealed class Loader(Sys sys, string target, ulong endpoint)
{
    /// <summary>Paths travel in the message's four registers.</summary>
    public const int MaxPathBytes = 32;
    /// <summary>Request label: ReplaceLabel + the path's length in bytes (1..32), the path packed in MR0..MR3.</summary>
    public const ulong ReplaceLabel = 0x400;

    public string Target { get; } = target;

    /// <summary>Asks for the replacement; <see cref="LoaderReply.Refused"/> for a path that is empty, too long or not
    /// ASCII without asking.</summary>
    public async Task<LoaderReply> ReplaceAsync(string imagePath)
    {
        if (imagePath.Length is 0 or > MaxPathBytes) return LoaderReply.Refused;
        var path = new byte[MaxPathBytes];
        for (int index = 0; index < imagePath.Length; index++)
        {
            if (imagePath[index] is < ' ' or > '~') return LoaderReply.Refused;
            path[index] = (byte)imagePath[index];
        }
        ulong info = MessageInfo.Make(ReplaceLabel + (ulong)imagePath.Length, 4, 0, 0);
        SyscallResult reply = await sys.Call(endpoint, info, ConsoleOutput.PackWord(path, 0), ConsoleOutput.PackWord(path, 1), ConsoleOutput.PackWord(path, 2), ConsoleOutput.PackWord(path, 3));
        if (!reply.IsOk) return LoaderReply.Busy;
        return (LoaderReply)MessageInfo.Label(reply.Info);
    }
}
