using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Sdk.Discovery;

namespace Kaal.Sdk.Manifest;

/// <summary>A manifest a command (or the image build) builds or boots from: it must exist and have no problems against the components the
/// command was given (`kaal manifest check` is the command that reports problems as its verdict).</summary>
public static class CheckedManifest
{
    /// <exception cref="ArgumentException">the file is missing or unreadable, or has problems (all of them, in the message).</exception>
    public static SystemManifest Load(string path, ComponentSet components, string option = "manifest")
    {
        if (!File.Exists(path)) throw new ArgumentException($"{option} '{path}' does not exist");
        SystemManifest manifest;
        IReadOnlyList<ManifestProblem> problems;
        try
        {
            (manifest, problems) = ManifestChecker.CheckFile(path, components);
        }
        catch (IOException error)
        {
            throw new ArgumentException(error.Message);
        }
        if (problems.Count > 0) throw new ArgumentException($"{path} has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return manifest;
    }
}
