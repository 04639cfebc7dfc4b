using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Sdk.Transfer;

namespace Kaal.Tests.Shared.Transfer;

/// <summary>An <see cref="ITransferStore"/> in memory, with the fs service's rules (a write at most at the file's size,
/// a writable area of <see cref="CapacityBytes"/>), for tests of the transfer protocol without a system.</summary>
public sealed class MemoryTransferStore(int capacityBytes = 256 * 1024) : ITransferStore
{
    private string _current = "";

    public Dictionary<string, List<byte>> Files { get; } = new(StringComparer.Ordinal);

    public int CapacityBytes { get; } = capacityBytes;

    public int Writes { get; private set; }

    public Task<string?> CreateAsync(string path)
    {
        Files[path] = [];
        _current = path;
        return Task.FromResult<string?>(null);
    }

    public Task<string?> WriteAsync(uint offset, byte[] chunk, int count)
    {
        List<byte> file = Files[_current];
        if (offset > file.Count) return Task.FromResult<string?>("a write that would leave a hole");
        if (offset + count > CapacityBytes) return Task.FromResult<string?>("no space left in the writable area");
        Writes++;
        for (int index = 0; index < count; index++)
        {
            if (offset + index < file.Count) file[(int)offset + index] = chunk[index];
            else file.Add(chunk[index]);
        }
        return Task.FromResult<string?>(null);
    }
}
