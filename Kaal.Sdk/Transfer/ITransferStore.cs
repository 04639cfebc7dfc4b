using System.Threading.Tasks;

namespace Kaal.Sdk.Transfer;

/// <summary>Where a <see cref="TransferReceiver"/> stores an image: the console service's is the fs service's writable
/// area (<see cref="Kaal.Sdk.FileSystem.FileSystemClient"/>). Each method answers null when done, or why it could not.</summary>
public interface ITransferStore
{
    /// <summary>Creates the file at <paramref name="path"/>, or empties the one there.</summary>
    Task<string?> CreateAsync(string path);

    /// <summary>Writes <paramref name="count"/> bytes of <paramref name="chunk"/> from 0 at <paramref name="offset"/> of the
    /// file last created (at most its size: writing the same chunk again writes the same bytes).</summary>
    Task<string?> WriteAsync(uint offset, byte[] chunk, int count);
}
