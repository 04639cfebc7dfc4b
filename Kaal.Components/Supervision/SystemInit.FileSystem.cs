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
/// signals fs and receives on its supervision endpoint, never on fs: fs's answer and the timer service's signal for
/// the read's deadline arrive through its bound notification, and a fault of fs or of the timer service as a message
/// (SystemInit.SetAside.cs), so a fs that faults or hangs costs the read (a clear failure), never system_init.
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
    /// <summary>A size above this in an answer is a damaged answer, not something to map (a loader window's room).</summary>
    public const ulong MaxImageBytes = LoaderImages.MaxImageBytes;

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
    /// <summary>The loader window the read under way fills (-1: none yet).</summary>
    private int _readingWindow = -1;
    /// <summary>One chunk on its way from the loader page into a loader window (allocated once, like the header).</summary>
    private readonly byte[] _fsChunk = new byte[LoaderWindow.DataBytes];

    /// <summary>The image a spawn starts: for a manifest entry with an `image` path, read through fs the first time and
    /// checked as a new version is (<see cref="ComponentImage.Check"/>), then kept for its restarts; otherwise the
    /// current one.</summary>
    private async Task<Outcome<ArraySegment<byte>>> ImageToSpawnAsync(Supervised component)
    {
        string path = component.Spec.ImagePath;
        if (path.Length == 0 || component.Image.Array is not null) return CurrentImage(component);
        Outcome<ArraySegment<byte>> read = await ReadImageAsync(path);
        if (read.Failed) return read.Failure;
        ArraySegment<byte> image = read.Value;
        Outcome<ComponentMetadata> metadata = ComponentImage.Check(image, component.Spec, _elf);
        if (metadata.Failed)
        {
            _loaderImages.Release(image);
            return new Failure($"{path}: {metadata.Failure.Message}");
        }
        component.Image = image;
        return component.Image;
    }

    /// <summary>The whole file at <paramref name="path"/>, read through fs into a loader window (<see cref="LoaderImages"/>:
    /// given back with <see cref="LoaderImages.Release"/> when nobody keeps the image), or why it cannot be.</summary>
    private async Task<Outcome<ArraySegment<byte>>> ReadImageAsync(string path)
    {
        if (_grants.LoaderWindowFrame == 0)
            return new Failure($"{path}: system_init reads images through the fs service, and its manifest entry does not grant \"ipc:{FileSystemProtocol.ServiceName}:client\"");
        if (CallerSlotHolds()) return new Failure($"{path}: system_init has a message to handle first; ask again");
        _readingWindow = -1;
        Outcome<ulong> read = await ReadIntoWindowAsync(path);
        int window = _readingWindow;
        _readingWindow = -1;
        if (!read.Failed) return _loaderImages.Finish(window, (int)read.Value);
        if (window >= 0) _loaderImages.Abandon(window);
        return read.Failure;
    }

    /// <summary>Reads the file chunk by chunk: the first answer gives its size, for which a window is taken (kept in
    /// <see cref="_readingWindow"/>); each chunk goes from the loader page into the window. Returns the size.</summary>
    private async Task<Outcome<ulong>> ReadIntoWindowAsync(string path)
    {
        ulong? size = null;
        ulong into = 0;
        for (ulong offset = 0; size is null || offset < size;)
        {
            if (_fs is null || _fs.State != LifecycleState.Running || _fsRequest == 0) return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service is not running");
            Outcome answered = await AskFsAsync(path, (uint)offset);
            if (answered.Failed) return answered.Failure;
            byte[] header = _fsHeader;
            Sys.ReadPrivate(ArgsLayout.LoaderWindowVirtAddr, header);
            var status = (FsStatus)LoaderWindow.Read(header, LoaderWindow.StatusOffset);
            ulong answeredSize = LoaderWindow.Read(header, LoaderWindow.SizeOffset);
            ulong count = LoaderWindow.Read(header, LoaderWindow.CountOffset);
            if (status != FsStatus.Ok) return new Failure($"{path}: {status.Describe()}");
            if (answeredSize > MaxImageBytes || (size is not null && answeredSize != size) || count > LoaderWindow.DataBytes || offset + count > answeredSize || (count == 0 && answeredSize > 0))
                return new Failure($"{path}: the {FileSystemProtocol.ServiceName} service answered a read at {offset} with {count} of {answeredSize} bytes");
            if (size is null)
            {
                Outcome<int> window = await _loaderImages.TakeAsync(answeredSize);
                if (window.Failed) return new Failure($"{path}: {window.Failure.Message}");
                _readingWindow = window.Value;
                into = _loaderImages.DataVirtAddr(window.Value);
                size = answeredSize;
            }
            Span<byte> chunk = _fsChunk.AsSpan(0, (int)count);
            Sys.ReadPrivate(ArgsLayout.LoaderWindowVirtAddr + LoaderWindow.DataOffset, chunk);
            Sys.WritePrivate(into + offset, chunk);
            offset += count;
        }
        return size.Value;
    }

    /// <summary>Puts one request in the page, signals fs and waits for its answer, or fails at the deadline, or when fs
    /// or the timer service fails meanwhile (other messages are set aside). Without a timer service there is no
    /// deadline (system_init says so when it starts): a fs that hangs without faulting then leaves it waiting.</summary>
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
            // Received on the supervision endpoint: fs's answer and the timer's signals arrive through the bound
            // notification, and a fault of either ends the read (SystemInit.SetAside.cs).
            SyscallResult received = await Sys.Recv(_endpoint);
            if (received.IsOk && received.Info != 0)
            {
                Outcome ended = await SetAsideAsync(received, path);
                if (!ended.Failed) continue;
                _fsAnswerDueTicks = 0;
                return ended.Failure;
            }
            ulong bits = received.Badge;
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
