using System;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.FileSystem;

/// <summary>
/// A component's end of the fs service (<see cref="FileSystemProtocol"/>): `ipc:fs:client` reads, `ipc:fs:writer` also
/// creates and writes files in the writable area. Get one with <see cref="ComponentContext.ConnectFileSystem"/>. Every
/// method answers with a status, never throws; a Call that does not reach the service is <see cref="FsStatus.Unreachable"/>.
/// </summary>
public sealed class FileSystemClient(Sys sys, ulong endpoint)
{
    /// <summary>The file at <paramref name="path"/>: its handle and size, or why there is none.</summary>
    public Task<FsFile> StatAsync(string path) => PathRequestAsync(FileSystemProtocol.StatLabel, path);

    /// <summary>Makes an empty file at <paramref name="path"/> in the writable area (or empties the one there).</summary>
    public Task<FsFile> CreateAsync(string path) => PathRequestAsync(FileSystemProtocol.CreateLabel, path);

    /// <summary>Reads <paramref name="count"/> bytes of <paramref name="file"/> from <paramref name="offset"/> into
    /// <paramref name="destination"/> at <paramref name="start"/>, <see cref="FileSystemProtocol.ReadChunkBytes"/> per Call.</summary>
    public async Task<FsStatus> ReadAsync(FsFile file, uint offset, byte[] destination, int start, int count)
    {
        for (int done = 0; done < count;)
        {
            SyscallResult reply = await sys.Call(endpoint, MessageInfo.Make(FileSystemProtocol.ReadLabel, 2, 0, 0), file.Handle, offset + (uint)done);
            FsStatus status = StatusOf(reply);
            if (status != FsStatus.Ok) return status;
            int got = (int)(MessageInfo.Label(reply.Info) >> FileSystemProtocol.ReadCountShift);
            if (got == 0) return FsStatus.BadOffset;
            ulong[] words = [reply.Mr0, reply.Mr1, reply.Mr2, reply.Mr3];
            for (int index = 0; index < got && done < count; index++, done++) destination[start + done] = (byte)(words[index / 8] >> (8 * (index % 8)));
        }
        return FsStatus.Ok;
    }

    /// <summary>The whole file at <paramref name="path"/>, or a failure naming the path and the reason.</summary>
    public async Task<Outcome<byte[]>> ReadAllAsync(string path)
    {
        FsFile file = await StatAsync(path);
        if (!file.Found) return new Failure($"{path}: {file.Status.Describe()}");
        var bytes = new byte[file.SizeBytes];
        FsStatus read = await ReadAsync(file, 0, bytes, 0, bytes.Length);
        if (read != FsStatus.Ok) return new Failure($"{path}: {read.Describe()}");
        return bytes;
    }

    /// <summary>Writes <paramref name="count"/> bytes of <paramref name="source"/> from <paramref name="start"/> into
    /// <paramref name="file"/> at <paramref name="offset"/> (at most its size: no holes),
    /// <see cref="FileSystemProtocol.WriteChunkBytes"/> per Call. Writing a chunk again writes the same bytes.</summary>
    public async Task<FsStatus> WriteAsync(FsFile file, uint offset, byte[] source, int start, int count)
    {
        for (int done = 0; done < count;)
        {
            int chunk = Math.Min(FileSystemProtocol.WriteChunkBytes, count - done);
            ReadOnlySpan<byte> bytes = source.AsSpan(start + done, chunk);
            ulong header = file.Handle | (ulong)chunk << 8 | (ulong)(offset + (uint)done) << 32;
            SyscallResult reply = await sys.Call(endpoint, MessageInfo.Make(FileSystemProtocol.WriteLabel, 4, 0, 0), header,
                ConsoleOutput.PackWord(bytes, 0), ConsoleOutput.PackWord(bytes, 1), ConsoleOutput.PackWord(bytes, 2));
            FsStatus status = StatusOf(reply);
            if (status != FsStatus.Ok) return status;
            done += chunk;
        }
        return FsStatus.Ok;
    }

    /// <summary>Creates the file at <paramref name="path"/> and writes all of <paramref name="data"/> into it.</summary>
    public async Task<FsStatus> WriteAllAsync(string path, byte[] data)
    {
        FsFile file = await CreateAsync(path);
        return file.Found ? await WriteAsync(file, 0, data, 0, data.Length) : file.Status;
    }

    private async Task<FsFile> PathRequestAsync(ulong label, string path)
    {
        if (!PathWords.TryPack(path, out ulong w0, out ulong w1, out ulong w2, out ulong w3)) return new FsFile(FsStatus.BadPath, 0, 0, false);
        SyscallResult reply = await sys.Call(endpoint, MessageInfo.Make(label, 4, 0, 0), w0, w1, w2, w3);
        FsStatus status = StatusOf(reply);
        return status == FsStatus.Ok ? new FsFile(status, (uint)reply.Mr0, (uint)reply.Mr1, reply.Mr2 != 0) : new FsFile(status, 0, 0, false);
    }

    private static FsStatus StatusOf(SyscallResult reply)
    {
        if (!reply.IsOk) return FsStatus.Unreachable;
        ulong status = MessageInfo.Label(reply.Info) & ((1UL << FileSystemProtocol.ReadCountShift) - 1);
        return MessageInfo.Label(reply.Info) == Protocol.UnknownRequestLabel ? FsStatus.UnknownRequest : (FsStatus)status;
    }
}
