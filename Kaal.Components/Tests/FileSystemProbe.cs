using System.Threading.Tasks;
using Kaal.Sdk;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Tests;

/// <summary>fs_probe: uses the fs service's API as a component does and prints each answer (docs/hot-reload.md, "fs
/// API"): reads <see cref="StoredPath"/> from the read-only image, stats a missing path, and then, as a writer, writes
/// <see cref="WrittenPath"/>, sends one chunk again, reads it back, and tries a write the service must refuse; as a
/// client, tries to create a file.</summary>
[KaalComponent("fs_probe", ComponentType.Application, "1.0.0", Description = "exercises the fs service's API (tests)",
    Expects = ["ipc:fs:client"])]
public sealed class FileSystemProbe : Component
{
    public const string StoredPath = "/images/probe";
    public const string WrittenPath = "/data/probe";
    public const int WrittenBytes = 100;

    private FileSystemClient _fs = null!;

    public override Task InitAsync()
    {
        Context.ConnectFileSystem(out _fs);
        return Task.CompletedTask;
    }

    public override async Task RunAsync()
    {
        Outcome<byte[]> stored = await _fs.ReadAllAsync(StoredPath);
        await Console.WriteLineAsync(stored.Failed ? $"read failed: {stored.Failure.Message}" : $"read {StoredPath}: {stored.Value.Length} bytes, sum {Sum(stored.Value)}");
        await Console.WriteLineAsync($"stat /images/missing: {(await _fs.StatAsync("/images/missing")).Status.Describe()}");
        if (!Context.HasEndpoint(FileSystemProtocol.ServiceName, IpcEnd.Writer))
        {
            await Console.WriteLineAsync($"create {WrittenPath}: {(await _fs.CreateAsync(WrittenPath)).Status.Describe()}");
            return;
        }
        var data = new byte[WrittenBytes];
        for (int index = 0; index < data.Length; index++) data[index] = (byte)(index * 7 + 1);
        FsStatus written = await _fs.WriteAllAsync(WrittenPath, data);
        FsFile file = await _fs.StatAsync(WrittenPath);
        // A chunk sent again (a delivery that re-sends a frame) writes the same bytes and leaves the size alone.
        FsStatus again = await _fs.WriteAsync(file, 24, data, 24, 24);
        Outcome<byte[]> back = await _fs.ReadAllAsync(WrittenPath);
        bool same = !back.Failed && back.Value.Length == data.Length && Sum(back.Value) == Sum(data);
        await Console.WriteLineAsync($"write {WrittenPath}: {written.Describe()}, again {again.Describe()}, {(back.Failed ? back.Failure.Message : $"{back.Value.Length} bytes")}, {(same ? "read back equal" : "read back different")}");
        await Console.WriteLineAsync($"write past the end: {(await _fs.WriteAsync(file, WrittenBytes + 1, data, 0, 1)).Describe()}");
        await Console.WriteLineAsync($"create {StoredPath}: {(await _fs.CreateAsync(StoredPath)).Status.Describe()}");
        await Console.WriteLineAsync($"stat a bad path: {(await _fs.StatAsync("")).Status.Describe()}");
    }

    /// <summary>A position-weighted sum, so a moved byte shows.</summary>
    public static ulong Sum(byte[] bytes)
    {
        ulong sum = 0;
        for (int index = 0; index < bytes.Length; index++) sum += (ulong)bytes[index] * (ulong)(index + 1);
        return sum;
    }
}
