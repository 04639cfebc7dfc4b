using System;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Images;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Supervision;

/// <summary>
/// The loader's reads from the fs service (docs/hot-reload.md): a new version, or a manifest entry's `image` path, is
/// read through the page system_init shares with fs (<see cref="LoaderWindow"/>), one chunk per request. system_init
/// signals fs and waits on its own notification, never on fs: fs's answer and the timer service's signal for the
/// read's deadline both arrive there, so a fs that faults or hangs costs the read (a clear failure), never system_init.
/// </summary>
public sealed partial class SystemInit
{
    /// <summary>How long fs has to answer one request of the loader (timed by the timer service, like the stop deadline).
    /// fs's work for a chunk is about 57 us of guest time (QEMU -icount), but under TCG without -icount the counter
    /// follows the host's clock, and a loaded host that deschedules QEMU stalls the guest while its clock runs on: at
    /// load 30 on 2 cores the slowest answer was 7-17 ms on virt and over 50 ms on raspi3b's four vCPUs, so 50 ms
    /// refused good reads. A second is far above any stall seen, and only delays the error of a fs that really hangs
    /// (docs/hot-reload.md, "The per-chunk deadline under load").</summary>
    public const uint FsAnswerDeadlineMs = 1000;
    /// <summary>A size above this in an answer is a damaged answer, not something to allocate.</summary>
    public const ulong MaxImageBytes = 16 * 1024 * 1024;

    /// <summary>system_init's bound notification (0: none).</summary>
    private ulong _boundNotification;
    /// <summary>fs's bound notification, badged: "a loader request is in the page" (0: fs not spawned yet).</summary>
    private ulong _fsRequest;
    private Supervised? _fs;
    private ulong _fsSequence;
    /// <summary>When the answer being waited for is due (counter ticks; 0: none is waited for).</summary>
    private ulong _fsAnswerDueTicks;
    /// <summary>A timer signal arrived while a read waited: the backoffs it was for are handled after the current message.</summary>
    private bool _wakePending;
    /// <summary>The loader window's header, read and written through one buffer (the EL0 heap never frees; an image is
    /// about 60 requests).</summary>
    private readonly byte[] _fsHeader = new byte[LoaderWindow.HeaderBytes];

    /// <summary>The image a spawn starts: for a manifest entry with an `image` path, read through fs the first time and
    /// checked as a new version is (<see cref="ComponentImage.Check"/>), then kept for its restarts; otherwise the
    /// current one.</summary>
    private async Task<Outcome<ArraySegment<byte>>> ImageToSpawnAsync(Supervised component)
    {
        string path = component.Spec.ImagePath;
        if (path.Length == 0 || component.Image.Array is not null) return CurrentImage(component);
        Outcome<byte[]> read = await ReadImageAsync(path);
        if (read.Failed) return read.Failure;
        var image = new ArraySegment<byte>(read.Value);
        Outcome<ComponentMetadata> metadata = ComponentImage.Check(image, component.Spec, new ElfImage());
        if (metadata.Failed) return new Failure($"{path}: {metadata.Failure.Message}");
        component.Image = image;
        return component.Image;
    }

    /// <summary>The whole file at <paramref name="path"/>, read through fs, or why it cannot be.</summary>
    private async Task<Outcome<byte[]>> ReadImageAsync(string path)
    {
        if (_grants.LoaderWindowFrame == 0)
            return new Failure($"{path}: system_init reads images through the fs service, and its manifest entry does not grant \"ipc:{FileSystemProtocol.ServiceName}:client\"");
        byte[]? image = null;
        for (uint offset = 0; image is null || offset < image.Length;)
        {
            if (_fs is null || _fs.State != LifecycleState.Running || _fsRequest == 0) return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service is not running");
            Outcome answered = await AskFsAsync(path, offset);
            if (answered.Failed) return answered.Failure;
            byte[] header = _fsHeader;
            Sys.ReadPrivate(ArgsLayout.LoaderWindowVirtAddr, header);
            var status = (FsStatus)LoaderWindow.Read(header, LoaderWindow.StatusOffset);
            ulong size = LoaderWindow.Read(header, LoaderWindow.SizeOffset);
            ulong count = LoaderWindow.Read(header, LoaderWindow.CountOffset);
            if (status != FsStatus.Ok) return new Failure($"{path}: {status.Describe()}");
            if (size > MaxImageBytes || (image is not null && size != (ulong)image.Length) || count > LoaderWindow.DataBytes || offset + count > size || (count == 0 && size > 0))
                return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service answered a read at {offset} with {count} of {size} bytes");
            image ??= new byte[size];
            Sys.ReadPrivate(ArgsLayout.LoaderWindowVirtAddr + LoaderWindow.DataOffset, image.AsSpan((int)offset, (int)count));
            offset += (uint)count;
        }
        return image;
    }

    /// <summary>Puts one request in the page, signals fs and waits for its answer, or fails at the deadline. Without a
    /// timer service there is no deadline (system_init says so when it starts): a fs that dies then leaves it waiting.</summary>
    private async Task<Outcome> AskFsAsync(string path, uint offset)
    {
        ulong sequence = ++_fsSequence;
        byte[] header = _fsHeader;
        LoaderWindow.WriteRequest(header, sequence, path, offset);
        Sys.WritePrivate(ArgsLayout.LoaderWindowVirtAddr, header);
        bool timed = TimerUsable();
        if (timed)
        {
            _fsAnswerDueTicks = await NowAsync() + (ulong)FsAnswerDeadlineMs * _frequencyHz / 1000;
            await RequestWakeAsync();
        }
        await Sys.Signal(_fsRequest);
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            ulong bits = (await Sys.Wait(_boundNotification)).Badge;
            if ((bits & ~LoaderWindow.AnsweredBadge) != 0) _wakePending = true;
            if ((bits & LoaderWindow.AnsweredBadge) != 0)
            {
                Sys.ReadPrivate(ArgsLayout.LoaderWindowVirtAddr, header);
                // An answer to an earlier request that timed out is not this one's.
                if (LoaderWindow.Read(header, LoaderWindow.AnswerSequenceOffset) == sequence)
                {
                    _fsAnswerDueTicks = 0;
                    return Outcome.Done;
                }
            }
            if (timed && await NowAsync() >= _fsAnswerDueTicks)
            {
                _fsAnswerDueTicks = 0;
                return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service did not answer within {FsAnswerDeadlineMs} ms");
            }
        }
        return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service did not answer");
    }
}
