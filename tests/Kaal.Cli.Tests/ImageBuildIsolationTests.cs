using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Kaal.Hil.Processes;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>
/// `kaal build` passes -p:KaalBuildObjDir=&lt;image folder&gt;/obj/ (Directory.Build.props): the kernel and EL0 projects
/// it builds then restore, compile, ILC, assemble and link entirely under that folder, so two builds at once (of two
/// systems) share no intermediate file and nothing is written into the build kit (a tool's install folder). Checked on
/// MSBuild's evaluation of both projects, as the build sees them; tests/Kaal.Packages.Tests builds an image from the
/// installed tool and finds its kit untouched.
/// </summary>
public sealed class ImageBuildIsolationTests
{
    private static readonly string[] KernelProperties = ["MSBuildProjectExtensionsPath", "IntermediateOutputPath", "OutputPath", "KaalNativeObjDir", "KaalContractTestImageDir"];
    private static readonly string[] UserProperties = ["MSBuildProjectExtensionsPath", "IntermediateOutputPath", "OutputPath", "KaalNativeObjDir", "KaalComponentTable"];

    [Theory]
    [InlineData("kernel")]
    [InlineData("user")]
    public void Two_image_builds_keep_every_intermediate_in_their_own_folder(string project)
    {
        string first = Path.Combine(Path.GetTempPath(), $"kaal-build-a-{Guid.NewGuid():N}", "obj") + Path.DirectorySeparatorChar;
        string second = Path.Combine(Path.GetTempPath(), $"kaal-build-b-{Guid.NewGuid():N}", "obj") + Path.DirectorySeparatorChar;
        foreach (string folder in new[] { first, second })
        {
            foreach ((string name, string value) in Evaluate(project, folder))
            {
                Assert.True(value.StartsWith(folder, StringComparison.Ordinal), $"{project}: {name} = '{value}' is not under {folder}");
            }
        }
    }

    [Fact]
    public void Without_an_image_folder_the_repositorys_own_builds_keep_their_usual_places()
    {
        Dictionary<string, string> user = Evaluate("user", null);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "Kaal.User.Arm64", "obj", "native") + Path.DirectorySeparatorChar, user["KaalNativeObjDir"]);
        Dictionary<string, string> kernel = Evaluate("kernel", null);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "artifacts", "user") + Path.DirectorySeparatorChar, kernel["KaalContractTestImageDir"]);
        Assert.StartsWith(Path.Combine(RepositoryPaths.Root, "Kaal.Kernel.Arm64", "obj", "default-system"), kernel["KaalNativeObjDir"], StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Evaluate(string project, string? objFolder)
    {
        bool kernel = project == "kernel";
        var arguments = new List<string> { "msbuild", kernel ? RepositoryPaths.KernelProject : RepositoryPaths.UserProject, "-nologo", "-p:KaalKernelVariant=default-system" };
        if (objFolder is not null) arguments.Add($"-p:KaalBuildObjDir={objFolder}");
        foreach (string property in kernel ? KernelProperties : UserProperties) arguments.Add($"-getProperty:{property}");
        ProcessOutcome run = BoundedProcess.Run("dotnet", arguments.ToArray(), RepositoryPaths.Root, TimeSpan.FromMinutes(2), KernelImages.WithoutHostMsBuild);
        Assert.True(run.ExitCode == 0, run.Output);
        using JsonDocument json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{')..]);
        var values = new Dictionary<string, string>();
        foreach (JsonProperty property in json.RootElement.GetProperty("Properties").EnumerateObject())
        {
            string value = property.Value.GetString()!;
            // Relative paths (OutputPath, IntermediateOutputPath) are relative to the project's folder.
            values.Add(property.Name, Path.GetFullPath(value.Replace('\\', '/'), Path.GetDirectoryName(kernel ? RepositoryPaths.KernelProject : RepositoryPaths.UserProject)!));
        }
        return values;
    }
}
