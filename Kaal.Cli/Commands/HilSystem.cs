using System;
using System.IO;
using Kaal.Hil;
using Kaal.Hil.Qemu;
using Kaal.Hil.Suites;
using Kaal.Hil.Targets;
using Kaal.Sdk.Manifest;

namespace Kaal.Cli.Commands;

/// <summary>
/// What one `kaal hil run` boots: the suite that checks the console, the image, and for a system the manifest the
/// simulator runs for the differential check with the components it was given, and the target as the system needs it
/// (qemu-virt with the manifest's cores). Either a suite of the repository (--suite) or the system a manifest describes
/// (--manifest, from any folder: a user's project).
/// </summary>
internal sealed record HilSystem(HilTarget Target, HilSuite Suite, string Image, string? Manifest, ComponentSources? Sources)
{
    /// <summary>--suite NAME: the kernel self-test or a system of the repository, its image there or --image.</summary>
    /// <exception cref="ArgumentException">an unknown suite, a missing image or manifest, fewer cores than the system runs on
    /// (the message says which).</exception>
    /// <param name="coresGiven">whether the target's cores were chosen (--smp): then they must be enough for the system.</param>
    public static HilSystem OfSuite(string suiteName, HilTarget target, bool coresGiven, string? imageOverride, Func<ComponentSources> resolve)
    {
        string? root = RepositoryLayout.FindRoot(Environment.CurrentDirectory);
        HilSuite suite = (HilSuiteCatalog.Find(suiteName, root) ?? throw new ArgumentException($"unknown suite '{suiteName}': expected one of {HilSuiteCatalog.Names(root)}")).On(target);
        if (suite.Manifest is null) return new HilSystem(target, suite, SuiteImages.Resolve(suite, target, imageOverride), null, null);
        string manifest = SuiteImages.ManifestOf(suite)!;
        ComponentSources sources = resolve();
        SystemManifest system = CheckedManifest.Load(manifest, sources.Components, $"suite '{suiteName}': manifest");
        HilTarget fitted = WithCoresOf(system, suite.Manifest, target, coresGiven);
        string image = SuiteImages.Resolve(suite, target, imageOverride);
        if (imageOverride is not null) ImageManifestMatch.Require(imageOverride, manifest, system, target.Name);
        return new HilSystem(fitted, suite, image, manifest, sources);
    }

    /// <summary>
    /// --manifest M: the system M describes, checked by the suite derived from it (<see cref="SystemSuites.FromManifest"/>).
    /// Its image is --image if given (built from M), else built now as `kaal build --target T --manifest M` builds it
    /// (into artifacts/system/NAME under the current folder; incremental), with the build's log on
    /// <paramref name="log"/> only if it fails.
    /// </summary>
    /// <exception cref="ArgumentException">M is missing or has problems, is written for another board than the
    /// target, its components cannot be loaded, or its image does not build (the message says which).</exception>
    public static HilSystem OfManifest(string manifestPath, HilTarget target, bool coresGiven, string? imageOverride, Func<ComponentSources> resolve, TextWriter log)
    {
        if (!File.Exists(manifestPath)) throw new ArgumentException($"--manifest '{manifestPath}' does not exist");
        string manifest = Path.GetFullPath(manifestPath);
        ComponentSources sources = resolve();
        SystemManifest system = CheckedManifest.Load(manifestPath, sources.Components, "--manifest");
        string platform = ManifestReader.NameOf(system.System.Platform);
        if (target is QemuHilTarget && platform != target.Name)
            throw new ArgumentException($"{manifestPath} is written for {platform} (its [system] platform), not --target {target.Name}: boot it with --target {platform}");
        HilSuite suite = SystemSuites.FromManifest(manifest);
        string image = imageOverride is not null ? SuiteImages.Resolve(suite, target, imageOverride) : Build(platform, manifestPath, sources, target, log);
        if (imageOverride is not null) ImageManifestMatch.Require(imageOverride, manifestPath, system, target.Name);
        return new HilSystem(WithCoresOf(system, manifestPath, target, coresGiven), suite, image, manifest, sources);
    }

    /// <summary>qemu-virt with as many cores as the system runs on (`[system] cores`: system_init places components on
    /// them, and a core the machine lacks fails their spawn), unless --smp chose fewer, which is refused. The Pis have
    /// their four, which every manifest for them fits (the validator sees to that); a board is what it is.</summary>
    /// <exception cref="ArgumentException">--smp gives fewer cores than the system runs on.</exception>
    private static HilTarget WithCoresOf(SystemManifest system, string manifest, HilTarget target, bool coresGiven)
    {
        if (target is not QemuHilTarget { Launch.Target: { Machine: QemuMachine.Virt } machine } qemu || machine.Cores >= system.System.Cores) return target;
        if (coresGiven)
        {
            throw new ArgumentException($"{manifest} runs on {system.System.Cores} cores ([system] cores), but --smp {machine.Cores} gives {target.Name} " +
                $"{machine.Cores}: a component placed on a core the machine lacks cannot be spawned; give --smp {system.System.Cores} or more, or leave it out");
        }
        return qemu with { Launch = qemu.Launch with { Target = machine.WithVirtCores(system.System.Cores) } };
    }

    private static string Build(string platform, string manifestPath, ComponentSources sources, HilTarget target, TextWriter log)
    {
        ImageBuild build = ImageBuild.Prepare(platform, manifestPath, null, sources);
        log.WriteLine($"kaal hil: building the image of {manifestPath} for {platform} (as kaal build does) -> {build.OutputFolder}");
        var buildLog = new StringWriter();
        if (build.Run(buildLog) != 0) throw new ArgumentException($"the image of {manifestPath} did not build:{Environment.NewLine}{buildLog.ToString().TrimEnd()}");
        // A board boots kernel8.img, QEMU virt kaal.elf: both are in the image folder.
        return Path.Combine(build.OutputFolder, target.ImageFileName);
    }
}
