using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Manifest;
using Kaal.Sdk.Runtime;
using Kaal.Sim.Devices;
using Kaal.Sim.Programs;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios;

/// <summary>
/// A whole system from a components.toml, booted as on the machine: the kernel boots with the manifest's RAM and
/// the devices of its platform (<see cref="DeviceLayout"/>); the root task (run at set-up) binds the registry and spawns system_init from its ELF
/// image; system_init spawns the rest in phases, and every spawned thread runs the C# component its image names, found
/// among the components the scenario is given (<see cref="ComponentDiscovery"/>: the simulator knows no system of its
/// own). The run ends when system_init powers the machine off.
/// </summary>
public sealed class SystemScenario : SimScenario
{
    public const string NamePrefix = "system:";

    private readonly SystemManifest _manifest;
    private readonly ComponentSet _components;
    private readonly byte[] _registry;
    private readonly byte[] _imageStore;
    private MessageLabelNames? _messageLabels;

    private readonly byte[] _uartInput;
    private readonly DeviceLayout _devices;

    /// <exception cref="ArgumentException">the manifest's platform has no device models in the simulator.</exception>
    /// <param name="images">the image store new versions are loaded from (docs/hot-reload.md); null: the successors of the
    /// manifest's binaries among <paramref name="components"/> (<see cref="SuccessorImages"/>).</param>
    /// <param name="imageOf">each binary's image in the registry (default: <see cref="ProgramImage.Build(DiscoveredComponent)"/>,
    /// with its metadata section); a test passes a damaged one to see system_init's checks refuse it.</param>
    public SystemScenario(SystemManifest manifest, string name, ComponentSet components, byte[]? uartInput = null, IReadOnlyList<StoredImage>? images = null,
        Func<string, byte[]>? imageOf = null)
    {
        Images = images ?? SuccessorImages.For(manifest, components, ProgramImage.Build);
        _imageStore = ImageStoreWriter.Write(Images);
        _manifest = manifest;
        _components = components;
        _devices = DeviceLayout.For(manifest.System.Platform);
        Name = name;
        _uartInput = uartInput ?? Array.Empty<byte>();
        _registry = RegistryWriter.Write(manifest, imageOf ?? (binary => ProgramImage.Build(components.Find(binary)
            ?? throw new ArgumentException($"{manifest.File}: binary '{binary}' is not among the components given ({ComponentSet.HowToAdd})"))));
    }

    /// <summary>The scenario for the manifest at <paramref name="path"/>, its binaries found in
    /// <paramref name="components"/>; <see cref="ArgumentException"/> listing every problem if it does not validate, or
    /// saying why it cannot be read.</summary>
    public static SystemScenario FromFile(string path, ComponentSet components)
    {
        byte[] bytes = ManifestFile.Read(path, out string? error) ?? throw new ArgumentException($"cannot read manifest '{path}': {error}");
        return Validated(ManifestChecker.Check(bytes, path, components), path, components);
    }

    /// <summary>As <see cref="FromFile(string, ComponentSet)"/>, the components discovered in the assemblies given
    /// (e.g. your project's and Kaal.Components' for system_init and the drivers; the simulator has none of its own).</summary>
    public static SystemScenario FromFile(string path, Assembly componentAssembly, params Assembly[] moreComponentAssemblies) =>
        FromFile(path, ComponentDiscovery.FromAssemblies([componentAssembly, .. moreComponentAssemblies]));

    /// <summary>The scenario for manifest text; <paramref name="file"/> names it in problems and in the scenario's name.</summary>
    public static SystemScenario FromText(string text, string file, ComponentSet components) =>
        Validated(ManifestChecker.Check(text, file, components), file, components);

    private static SystemScenario Validated((SystemManifest Manifest, IReadOnlyList<ManifestProblem> Problems) check, string file, ComponentSet components)
    {
        if (check.Problems.Count > 0)
        {
            throw new ArgumentException($"{file} has {check.Problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, check.Problems.Select(problem => "  " + problem)));
        }
        return new SystemScenario(check.Manifest, NamePrefix + file, components);
    }

    public ComponentSet Components => _components;

    /// <summary>What the image store holds, by path.</summary>
    public IReadOnlyList<StoredImage> Images { get; }

    /// <summary>The same system booting with <paramref name="images"/> in its image store instead.</summary>
    public SystemScenario WithImages(IReadOnlyList<StoredImage> images) => new(_manifest, Name, _components, _uartInput, images);

    /// <summary>The labels of the components this system can run: the manifest's binaries and the new versions its image
    /// store holds. Labels of discovered components it never runs are left out, or their numbers would name this system's
    /// messages after another protocol (a user's KvStore.Put shown as "KvStore.Put|EchoService.Echo").</summary>
    public override MessageLabelNames MessageLabels => _messageLabels ??= MessageLabelNames.For(_components.All.Where(RunsIn));

    private bool RunsIn(DiscoveredComponent component) =>
        _manifest.Components.Any(spec => spec.Binary == component.Binary || spec.Binary == component.Replaces);

    public override string Name { get; }

    public override string Description => $"the system of {_manifest.File}: {_manifest.Components.Count} components, booted by the root task and system_init";

    public SystemManifest Manifest => _manifest;

    /// <summary>The manifest's cores (`[system] cores`): system_init places each component on its `core` with
    /// TCB_SET_AFFINITY, as it does on the CPU.</summary>
    public override SimConfig Config => new(CoreCount: _manifest.System.Cores, RamBaseAddr: _manifest.System.RamBase == 0 ? 0x4000_0000 : _manifest.System.RamBase, RamSizeBytes: _manifest.System.MemoryBytes)
    {
        ObjectCapacity = 1024,
        SlotPoolOrder = 12,
        RootCNodeRadix = 8,
        ThreadCapacity = 32,
        MappingCapacity = 512,
        WithDevices = true,
        DeviceLayout = _devices,
    };

    public override bool RunsPrograms => true;

    public override ulong ExpectedExitCode => _manifest.System.ExpectedExitCode;

    /// <summary>restart = "never": none; otherwise its restart_limit (a component the manifest does not name: none).</summary>
    public override int RecoverableFaults(string component)
    {
        foreach (ComponentSpec spec in _manifest.Components)
        {
            if (spec.Name == component) return spec.Restart == RestartPolicy.Never ? 0 : (int)Math.Clamp(spec.RestartLimit, 0, int.MaxValue);
        }
        return 0;
    }

    public override byte[] UartInput => _uartInput;

    /// <summary>A check costs about half a millisecond at these table sizes, a step a few microseconds.</summary>
    public override int InvariantCheckIntervalSteps => 64;

    public override Func<Sys, Task>? Program(string binary, ulong x0)
    {
        DiscoveredComponent? component = _components.Find(binary);
        return component is null ? null : sys => ComponentRuntime.StartAsync(sys, x0, component.Create());
    }

    public override void Build(WorldBuilder world)
    {
        Kernel kernel = world.Kernel;
        BootInfo info = kernel.BootInfo;
        var untypeds = new BootUntyped[info.UntypedCount];
        for (uint index = 0; index < info.UntypedCount; index++)
        {
            uint slot = BootInfo.FirstUntypedSlot + index;
            ref readonly KernelObject untyped = ref kernel.Object(kernel.Slot(kernel.RootSlot(slot)).Cap.Object);
            untypeds[index] = new BootUntyped(slot, untyped.PhysAddr, untyped.SizeBits, untyped.IsDevice);
        }
        var boot = new BootDescription(BootInfo.RootCNodeSlot, ObjectSizes.WordBits, (int)info.RootCNodeSlotCount, (int)info.FirstEmptySlot,
            BootInfo.IrqControlSlot, untypeds, _registry, RegistryFirstFrameCptr: 0) { ImageStore = _imageStore };
        world.RunRootTask(async sys =>
        {
            Outcome<BootDescription> placed = await RegistryFrames.PlaceAsync(sys, boot);
            return placed.Failed ? placed.Failure : await RootTask.StartAsync(sys, placed.Value);
        });
    }
}
