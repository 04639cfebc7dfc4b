using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Kaal.Hil.Qemu;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>
/// `kaal build --target qemu-virt|qemu-raspi3b|qemu-raspi4b [--manifest M]`: the bootable image of a system for a board: the kernel,
/// the EL0 image with Kaal.Components and the user's project compiled for the CPU (its sources, dispatched through the
/// table generated from every [KaalComponent] declaration), and the manifest's registry. Written to
/// artifacts/system/NAME/ under the current folder (NAME: "default" for components.toml, else the manifest's file
/// name), or --out. Exit 0 built, 1 the image build failed, 2 unusable input (manifest problems, a platform that is not
/// the target's, components given only as assemblies, no build kit). Intermediates go to a folder of the image's own
/// (<see cref="ImageBuild.IntermediateFolder"/>), never into the build kit.
/// </summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = $"{QemuTarget.VirtName} | {QemuTarget.Raspi3bName} | {QemuTarget.Raspi4bName}", DefaultValueFactory = _ => QemuTarget.VirtName };
        var manifest = new Option<string>("--manifest") { Description = "the system to build", DefaultValueFactory = _ => "components.toml" };
        var output = new Option<string?>("--out") { Description = "the image folder (default: artifacts/system/NAME under the current folder)" };
        var components = new ComponentOptions();
        var command = new Command("build", "Build the bootable image of a system (kernel, EL0 components, registry) for QEMU virt, raspi3b or raspi4b");
        foreach (Option option in new Option[] { target, manifest, output }) command.Options.Add(option);
        components.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(target)!, parse.GetValue(manifest)!, parse.GetValue(output), () => components.Resolve(parse)));
        return command;
    }

    private static int Run(string targetName, string manifestPath, string? outputFolder, Func<ComponentSources> resolve)
    {
        ImageBuild build;
        try
        {
            build = ImageBuild.Prepare(targetName, manifestPath, outputFolder, resolve());
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        Console.WriteLine($"kaal build: {manifestPath} for {targetName} ({build.UserSources.Count} source files of {(build.Project is null ? "no project" : Path.GetFileName(build.Project))} with Kaal.Components) -> {build.OutputFolder}");
        int code = build.Run(Console.Out);
        if (code != 0) return 1;
        Console.WriteLine($"image: {build.ImagePath} ({new FileInfo(build.ImagePath).Length} bytes)");
        Console.WriteLine($"boot it: kaal hil run --target {targetName} --manifest {manifestPath}   (checks it and compares it with the simulator; or qemu-system-aarch64 ... -kernel it)");
        return 0;
    }
}

/// <summary>One `kaal build`: what it compiles and where it writes, checked before the (long) image build starts.</summary>
internal sealed record ImageBuild(string KernelProject, string Manifest, string OutputFolder, string ImagePath, string? Project,
    IReadOnlyList<string> UserSources, IReadOnlyList<string> UserAssemblies)
{
    /// <exception cref="ArgumentException">anything that would make the build fail for a reason the user can fix first.</exception>
    public static ImageBuild Prepare(string targetName, string manifestPath, string? outputFolder, ComponentSources sources)
    {
        QemuTarget target = QemuTarget.TryParse(targetName) ?? throw new ArgumentException($"--target '{targetName}': expected {QemuTarget.NamesText}");
        SystemManifest manifest = CheckedManifest.Load(manifestPath, sources.Components);
        string platform = ManifestReader.NameOf(manifest.System.Platform);
        if (platform != target.Name) throw new ArgumentException($"{manifestPath} is written for {platform} (its [system] platform), not {target.Name}: device pages and interrupt lines are the board's");
        if (sources.Project is null && sources.UserAssemblies.Count > 0)
            throw new ArgumentException("kaal build compiles your components' sources for the CPU: give their project (--project, or run it in the project's folder), not only --assembly");
        IReadOnlyList<string> userSources = sources.Project is null ? [] : ProjectBuild.SourcesOf(sources.Project);
        string name = Path.GetFileName(manifestPath) == "components.toml" ? "default" : Path.GetFileNameWithoutExtension(manifestPath);
        string folder = Path.GetFullPath(outputFolder ?? Path.Combine("artifacts", "system", name)) + Path.DirectorySeparatorChar;
        string kit = BuildKit.Locate();
        string image = Path.Combine(folder, target.ImageFileName);
        return new ImageBuild(Path.Combine(kit, "Kaal.Kernel.Arm64", "Kaal.Kernel.Arm64.csproj"), Path.GetFullPath(manifestPath), folder, image, sources.Project,
            userSources, sources.AssemblyPaths.Select(Path.GetFullPath).ToArray());
    }

    /// <summary>Restores and builds the kernel's default-system variant with these components; 0 on success. Every
    /// intermediate goes under the image folder (KaalBuildObjDir, Directory.Build.props), not into the build kit, so
    /// builds of different systems can run at once.</summary>
    public int Run(TextWriter log)
    {
        string intermediates = IntermediateFolder;
        Directory.CreateDirectory(intermediates);
        string sourceList = Path.Combine(intermediates, "component-sources.txt");
        string assemblyList = Path.Combine(intermediates, "component-assemblies.txt");
        File.WriteAllLines(sourceList, UserSources);
        File.WriteAllLines(assemblyList, UserAssemblies);
        string isolated = $"-p:KaalBuildObjDir={intermediates}{Path.DirectorySeparatorChar}";
        string[] properties =
        [
            isolated,
            "-p:KaalKernelVariant=default-system",
            $"-p:KaalManifest={Manifest}",
            $"-p:KaalComponentManifest={Manifest}",
            $"-p:KaalImageDir={OutputFolder}",
            $"-p:KaalUserImageDir={Path.Combine(OutputFolder, "user")}{Path.DirectorySeparatorChar}",
            $"-p:KaalComponentSourceList={sourceList}",
            $"-p:KaalComponentAssemblyList={assemblyList}",
            // The image build's tool, the SDK's source generator and the built-in components: the copies next to
            // kaal.dll, so the kit builds none of them.
            $"-p:KaalBuildTool={Path.Combine(AppContext.BaseDirectory, "Kaal.BuildTool.dll")}",
            $"-p:KaalSdkAnalyzers={Path.Combine(AppContext.BaseDirectory, "Kaal.Sdk.Analyzers.dll")}",
            $"-p:KaalComponentsAssembly={ComponentSources.BuiltIn.Location}",
        ];
        int code = Dotnet(log, ["restore", KernelProject, "-nologo", "-v:q", isolated]);
        return code != 0 ? code : Dotnet(log, ["build", KernelProject, "-nologo", "-v:m", .. properties]);
    }

    /// <summary>Where this build's restore output, intermediates and component lists go, one folder per image folder:
    /// under the project's obj/ (obj/kaal-image/artifacts-system-NAME) when the image folder is inside the project's
    /// folder, since the project's default globs would compile the generated table anywhere else in it; else obj/ in
    /// the image folder.</summary>
    public string IntermediateFolder
    {
        get
        {
            string? projectFolder = Project is null ? null : Path.GetDirectoryName(Path.GetFullPath(Project));
            string? inside = projectFolder is null ? null : Path.GetRelativePath(projectFolder, OutputFolder).TrimEnd(Path.DirectorySeparatorChar);
            return inside is null || inside == "." || inside.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(inside)
                ? Path.Combine(OutputFolder, "obj")
                : Path.Combine(projectFolder!, "obj", "kaal-image", inside.Replace(Path.DirectorySeparatorChar, '-'));
        }
    }

    private static int Dotnet(TextWriter log, string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
