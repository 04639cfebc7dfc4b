using System;
using System.IO;

namespace Kaal.Sdk.Manifest;

/// <summary>Reads a manifest's bytes from disk, saying plainly why it cannot: no such file, a directory, permission
/// denied, too large (<see cref="ManifestDecoder.MaxBytes"/>, checked before anything is read), or the I/O error.</summary>
public static class ManifestFile
{
    /// <summary>The file's bytes, or null and <paramref name="error"/> (a phrase: "it is a directory").</summary>
    public static byte[]? Read(string path, out string? error)
    {
        error = null;
        try
        {
            if (Directory.Exists(path))
            {
                error = "it is a directory, not a file";
                return null;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = "no such file";
                return null;
            }
            if (info.Length > ManifestDecoder.MaxBytes)
            {
                error = ManifestDecoder.TooLarge(info.Length);
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            error = "permission denied";
        }
        catch (Exception failure) when (failure is IOException or ArgumentException or NotSupportedException)
        {
            error = failure.Message;
        }
        return null;
    }
}
