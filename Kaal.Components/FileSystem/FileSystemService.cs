using System;
using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Images;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.FileSystem;

/// <summary>
/// The fs service (docs/hot-reload.md, "fs API"): serves files by path from the read-only image `kaal build` makes from
/// the manifest (the image store system_init hands it, read in place) and from a <see cref="WritableArea"/> in its
/// memory. Protocol: <see cref="FileSystemProtocol"/>; clients use <see cref="FileSystemClient"/>. Creating and writing
/// need the writer bit in the caller's badge (`ipc:fs:writer`), and a path of the read-only image cannot be written.
/// A handle is the file's place: 0..63 the read-only image's entries, 64 and up the writable area's files.
/// </summary>
[KaalComponent("fs", ComponentType.Service, "1.0.0", Description = "files by path: the read-only image and a writable area (component images)",
    Expects = ["ipc:fs:server"])]
[KaalMessageLabel(FileSystemProtocol.StatLabel, "Stat")]
[KaalMessageLabel(FileSystemProtocol.ReadLabel, "Read")]
[KaalMessageLabel(FileSystemProtocol.CreateLabel, "Create")]
[KaalMessageLabel(FileSystemProtocol.WriteLabel, "Write")]
public sealed class FileSystemService : ServiceBase
{
    /// <summary>The writable area's size: room for one CPU component image (about 232 KiB) within the 512 KiB EL0 heap.</summary>
    public const int WritableAreaBytes = 256 * 1024;
    public const uint WritableHandleBase = ImageStore.MaxEntries;

    private byte[] _readOnly = Array.Empty<byte>();
    private readonly WritableArea _area = new(WritableAreaBytes);
    private ArgEntry _loaderWindow;
    private readonly byte[] _loaderHeader = new byte[LoaderWindow.HeaderBytes];

    protected override string ServiceName => FileSystemProtocol.ServiceName;

    public override async Task InitAsync()
    {
        await base.InitAsync();
        if (Context.Failure is not null) return;
        // Read where it is mapped (in place on the CPU), never copied: it is the largest thing fs holds.
        if (Context.TryFind(ArgKind.ImageStore, out ArgEntry store)) _readOnly = Sys.MappedBytes(store.A, (int)store.B);
        Context.TryFind(ArgKind.LoaderWindow, out _loaderWindow);
    }

    protected override async ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification)
        {
            if ((request.Badge & LoaderWindow.RequestBadge) != 0 && _loaderWindow.Kind == ArgKind.LoaderWindow) await AnswerLoaderAsync();
            return Reply.None;
        }
        bool writer = (request.Badge & Protocol.WriterBadge) != 0;
        return request.Label switch
        {
            FileSystemProtocol.StatLabel => Stat(PathWords.Unpack(request.Mr0, request.Mr1, request.Mr2, request.Mr3)),
            FileSystemProtocol.ReadLabel => Read(request.Mr0, request.Mr1),
            FileSystemProtocol.CreateLabel => writer ? Create(PathWords.Unpack(request.Mr0, request.Mr1, request.Mr2, request.Mr3)) : Status(FsStatus.NotWriter),
            FileSystemProtocol.WriteLabel => writer ? Write(request) : Status(FsStatus.NotWriter),
            _ => Reply.With(Protocol.UnknownRequestLabel),
        };
    }

    /// <summary>system_init's loader asked through the shared page (<see cref="LoaderWindow"/>): the answer goes into the
    /// page, then a signal says it is there. The data is written from where it lies and the header through one buffer
    /// kept for all requests: the EL0 heap never frees, and an image is read in about 60 requests.</summary>
    private async Task AnswerLoaderAsync()
    {
        Span<byte> header = _loaderHeader;
        Sys.ReadPrivate(_loaderWindow.A, header);
        string? path = LoaderWindow.RequestPath(header);
        ulong offset = LoaderWindow.Read(header, LoaderWindow.FileOffsetOffset);
        ulong handle = 0, size = 0;
        FsStatus status = path is null ? FsStatus.BadPath : Locate(path, out handle, out size);
        int count = 0;
        if (status == FsStatus.Ok && offset < size)
        {
            ReadOnlySpan<byte> bytes = Bytes(handle, offset, LoaderWindow.DataBytes);
            Sys.WritePrivate(_loaderWindow.A + LoaderWindow.DataOffset, bytes);
            count = bytes.Length;
        }
        LoaderWindow.WriteAnswer(header, LoaderWindow.Read(header, LoaderWindow.RequestSequenceOffset), status, status == FsStatus.Ok ? size : 0, count);
        Sys.WritePrivate(_loaderWindow.A, header);
        await Sys.Signal(_loaderWindow.Cptr);
    }

    private Reply Stat(string? path)
    {
        if (path is null) return Status(FsStatus.BadPath);
        FsStatus status = Locate(path, out ulong handle, out ulong size);
        if (status != FsStatus.Ok) return Status(status);
        return Reply.With((ulong)FsStatus.Ok, handle, size) with { Mr2 = handle >= WritableHandleBase ? 1UL : 0, Words = 3 };
    }

    private Reply Read(ulong handle, ulong offset)
    {
        FsStatus status = SizeOf(handle, out ulong size);
        if (status == FsStatus.Ok && offset >= size) status = FsStatus.BadOffset;
        if (status != FsStatus.Ok) return Status(status);
        ReadOnlySpan<byte> bytes = Bytes(handle, offset, FileSystemProtocol.ReadChunkBytes);
        ulong label = (ulong)FsStatus.Ok | (ulong)bytes.Length << FileSystemProtocol.ReadCountShift;
        return Reply.WithWords(label, ConsoleOutput.PackWord(bytes, 0), ConsoleOutput.PackWord(bytes, 1), ConsoleOutput.PackWord(bytes, 2), ConsoleOutput.PackWord(bytes, 3));
    }

    /// <summary>The file at <paramref name="path"/>: the writable area's first (a new version written at run time), then
    /// the read-only image's.</summary>
    private FsStatus Locate(string path, out ulong handle, out ulong size)
    {
        int written = _area.Find(path);
        Outcome<int> stored = written >= 0 ? written : ImageStore.IndexOf(_readOnly, path);
        handle = written >= 0 ? WritableHandleBase + (uint)written : stored.Failed ? ulong.MaxValue : (ulong)stored.Value;
        return SizeOf(handle, out size) == FsStatus.Ok ? FsStatus.Ok : FsStatus.NotFound;
    }

    private FsStatus SizeOf(ulong handle, out ulong size)
    {
        size = 0;
        if (handle >= WritableHandleBase)
        {
            int file = (int)Math.Min(handle - WritableHandleBase, int.MaxValue);
            if (!_area.Exists(file)) return FsStatus.BadHandle;
            size = (ulong)_area.SizeOf(file);
            return FsStatus.Ok;
        }
        Outcome<ArraySegment<byte>> image = ImageStore.At(_readOnly, (int)handle);
        if (image.Failed) return FsStatus.BadHandle;
        size = (ulong)image.Value.Count;
        return FsStatus.Ok;
    }

    /// <summary>Up to <paramref name="count"/> bytes of the file <paramref name="handle"/> names (checked by
    /// <see cref="SizeOf"/>) from <paramref name="offset"/> (below its size).</summary>
    private ReadOnlySpan<byte> Bytes(ulong handle, ulong offset, int count)
    {
        if (handle >= WritableHandleBase) return _area.Read((int)(handle - WritableHandleBase), (int)offset, count);
        ArraySegment<byte> image = ImageStore.At(_readOnly, (int)handle).Value;
        return image.AsSpan().Slice((int)offset, Math.Min(count, image.Count - (int)offset));
    }

    private Reply Create(string? path)
    {
        if (path is null) return Status(FsStatus.BadPath);
        if (!ImageStore.IndexOf(_readOnly, path).Failed) return Status(FsStatus.ReadOnly);
        int file = _area.Create(path);
        return file < 0 ? Status(FsStatus.TooManyFiles) : Reply.With((ulong)FsStatus.Ok, WritableHandleBase + (uint)file, 0);
    }

    private Reply Write(Request request)
    {
        ulong handle = request.Mr0 & 0xFF;
        int count = (int)((request.Mr0 >> 8) & 0xFF);
        ulong offset = request.Mr0 >> 32;
        if (handle < WritableHandleBase) return Status(handle < ImageStore.MaxEntries && !ImageStore.At(_readOnly, (int)handle).Failed ? FsStatus.ReadOnly : FsStatus.BadHandle);
        int file = (int)(handle - WritableHandleBase);
        if (!_area.Exists(file)) return Status(FsStatus.BadHandle);
        if (count is 0 or > FileSystemProtocol.WriteChunkBytes) return Status(FsStatus.BadOffset);
        Span<byte> data = stackalloc byte[FileSystemProtocol.WriteChunkBytes];
        ulong[] words = [request.Mr1, request.Mr2, request.Mr3];
        for (int index = 0; index < count; index++) data[index] = (byte)(words[index / 8] >> (8 * (index % 8)));
        FsStatus written = offset > int.MaxValue ? FsStatus.BadOffset : _area.Write(file, (int)offset, data.Slice(0, count));
        return written == FsStatus.Ok ? Reply.With((ulong)FsStatus.Ok, (ulong)_area.SizeOf(file)) : Status(written);
    }

    private static Reply Status(FsStatus status) => Reply.With((ulong)status);
}
