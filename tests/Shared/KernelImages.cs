using System;
using System.Collections.Generic;
using System.IO;
using Kaal.Hil.Processes;
using Xunit;

namespace Kaal.Tests.Shared;

/// <summary>
/// Builds each kernel variant once per test run with the same command a developer uses
/// (dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=...), and hands out its image folder; likewise the EL0
/// busybox image.
/// Builds are incremental, so when scripts/test.sh already built the solution the default variant costs nothing.
/// (Source shared by the test projects that boot kernel images.)
/// </summary>
public sealed class KernelImages
{
    public const string SelfTest = "selftest";
    public const string PlantedFailure = "selftest-planted-failure";
    public const string PanicTest = "panic-test";
    public const string UserTest = "user-test";
    public const string HangTest = "hang-test";
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, string> _imageDirectories = new();
    private readonly object _gate = new();
    private string? _userImagePath;

    public string DirectoryOf(string variant)
    {
        lock (_gate)
        {
            if (!_imageDirectories.TryGetValue(variant, out string? directory))
            {
                directory = Build(variant);
                _imageDirectories.Add(variant, directory);
            }
            return directory;
        }
    }

    /// <summary>The image of a variant that a QEMU machine or board boots (kaal.elf or kernel8.img).</summary>
    public string ImageOf(string variant, string imageFileName) => Path.Combine(DirectoryOf(variant), imageFileName);

    /// <summary>The image folder of a default-system kernel whose root task is <paramref name="userImage"/> (relative to the
    /// repository root, or absolute) bound to <paramref name="manifest"/>: artifacts/system/<paramref name="systemName"/>/,
    /// where `kaal hil run --suite NAME` looks for the system NAME.</summary>
    public string SystemDirectoryOf(string systemName, string userImage, string manifest = "components.toml")
    {
        lock (_gate)
        {
            string key = "default-system:" + systemName;
            if (!_imageDirectories.TryGetValue(key, out string? directory))
            {
                directory = Build("default-system", Path.Combine("artifacts", "system", systemName),
                    $"-p:KaalSystemName={systemName}", $"-p:KaalUserImage={userImage}", $"-p:KaalManifest={manifest}");
                _imageDirectories.Add(key, directory);
            }
            return directory;
        }
    }

    private static string Build(string variant) => Build(variant, Path.Combine("artifacts", "kernel", variant));

    private static string Build(string variant, string imageDirectory, params string[] properties)
    {
        // Test projects run in parallel under `dotnet test Kaal.sln`: one build of a variant at a time, machine-wide.
        using FileStream buildLock = AcquireBuildLock(variant);
        string output = RunDotnet($"building variant {variant}", ["build", RepositoryPaths.KernelProject, $"-p:KaalKernelVariant={variant}", .. properties]);
        string directory = Path.Combine(RepositoryPaths.Root, imageDirectory);
        foreach (string image in new[] { "kaal.elf", "kernel8.img", "kernel8.elf" })
        {
            Assert.True(File.Exists(Path.Combine(directory, image)), $"no {image} in {directory}:\n{output}");
        }
        return directory;
    }

    /// <summary>The EL0 busybox (Kaal.User.Arm64, not in Kaal.sln), built once per test run. Restored on its own first:
    /// the ILCompiler package path comes from the props the restore writes, which a build's own evaluation never sees
    /// on a fresh clone.</summary>
    public string UserImagePath()
    {
        lock (_gate)
        {
            if (_userImagePath is null)
            {
                using FileStream buildLock = AcquireBuildLock("user");
                RunDotnet("restoring Kaal.User.Arm64", ["restore", RepositoryPaths.UserProject]);
                string output = RunDotnet("building Kaal.User.Arm64", ["build", RepositoryPaths.UserProject, "--no-restore"]);
                string path = Path.Combine(RepositoryPaths.Root, "artifacts", "user", "kaal-components.elf");
                Assert.True(File.Exists(path), $"no {path}:\n{output}");
                _userImagePath = path;
            }
            return _userImagePath;
        }
    }

    private static string RunDotnet(string what, string[] command)
    {
        string[] arguments = [.. command, "--disable-build-servers", "-nologo", "-v:minimal"];
        ProcessOutcome run = BoundedProcess.Run("dotnet", arguments, RepositoryPaths.Root, BuildLimit, WithoutHostMsBuild);
        Assert.False(run.TimedOut, $"{what} took longer than {BuildLimit}:\n{run.Output}");
        Assert.True(run.ExitCode == 0, $"{what} failed (exit {run.ExitCode}):\n{run.Output}");
        return run.Output;
    }

    /// <summary>The test host's MSBuild settings must not leak into a fresh build (or evaluation) of a project.</summary>
    public static void WithoutHostMsBuild(System.Diagnostics.ProcessStartInfo startInfo)
    {
        foreach (string key in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            startInfo.Environment.Remove(key);
        }
    }

    private static FileStream AcquireBuildLock(string variant)
    {
        string directory = Path.Combine(RepositoryPaths.Root, "artifacts", "kernel");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $".{variant}.build-lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < BuildLimit)
            {
                System.Threading.Thread.Sleep(200); // another test process is building this variant
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KernelImagesCollection : ICollectionFixture<KernelImages>
{
    /// <summary>One collection: the builds and the QEMU runs share the machine's two cores, one at a time,
    /// and a test that checks the process table for QEMU children sees only its own.</summary>
    public const string Name = "Kernel images";
}
