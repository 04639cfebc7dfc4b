using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Boot;
using Kaal.Sdk.FileSystem;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

/// <summary>
/// The bootstrapper and supervisor (seed 002). Reads the registry, starts components in dependency, phase and
/// priority order (<see cref="StartOrder"/>), one at a time, each after the previous one reported ready;
/// grants each its manifest capabilities (<see cref="GrantBuilder"/>, <see cref="NameService"/>); is every
/// child's fault endpoint, so a fault reaches it as a message; restarts per the component's policy, limit and
/// backoff (slept on the timer service when it holds `ipc:timer:client`); reports every lifecycle event on the
/// kernel console; when every application has ended, stops the rest in reverse order and powers off.
/// </summary>
[KaalComponent("system_init", ComponentType.Service, "1.0.0", Description = "bootstrapper and supervisor: spawns, grants, restarts, shuts down",
    Expects = ["process:create", "memory:allocate"])]
public sealed partial class SystemInit : Component
{
    public const string TimerService = "timer";

    private ComponentRegistry _registry = null!;
    private OwnCSpace _own = null!;
    private Spawner _spawner = null!;
    private GrantBuilder _grants = null!;
    private NameService _names = null!;
    private Supervised[] _components = System.Array.Empty<Supervised>();
    private readonly List<Supervised> _started = new();
    private ulong _pool;
    private ulong _irqControl;
    private ulong _endpoint;
    private Supervised? _timer;
    /// <summary>The timer service's notification, badged: "a deadline is in the wake page" (0: no backoffs).</summary>
    private ulong _timerWake;
    private ulong _frequencyHz;
    private bool _wantsTimer;
    /// <summary>Components waiting out their backoff, and when each is due (counter ticks).</summary>
    private readonly List<(Supervised Component, ulong DueTicks)> _backoffs = new();
    private uint _startedCount, _restartedCount, _faultedCount;

    public override async Task InitAsync()
    {
        if (!Context.Require(ArgKind.Registry, "the component registry", out ArgEntry registryEntry)) return;
        // Read where the root task mapped it (shared pages, a megabyte or more with per-component images), not copied.
        ComponentRegistry? registry = ComponentRegistry.Decode(Sys.MappedBytes(registryEntry.A, (int)registryEntry.B), out string? error);
        if (registry is null)
        {
            Context.FailSetup($"registry: {error}");
            return;
        }
        _registry = registry;
        if (!OwnCSpace.Open(Context, out _own)) return;
        _spawner = new Spawner(_own);
        if (!Context.Require(ArgKind.Untyped, "memory:allocate (its memory pool)", out ArgEntry pool)) return;
        _pool = pool.Cptr;
        _loaderImages = new LoaderImages(_own, _pool);
        _irqControl = Context.TryFind(ArgKind.IrqControl, out ArgEntry control) ? control.Cptr : 0;
        var deviceUntypeds = new List<ArgEntry>();
        foreach (ArgEntry entry in Context.Entries)
        {
            if (entry.Kind == ArgKind.DeviceUntyped) deviceUntypeds.Add(entry);
        }
        if (Context.TryFind(ArgKind.ImageStore, out ArgEntry store)) _imageStore = Sys.MappedBytes(store.A, (int)store.B);
        _names = new NameService(_own, _pool);
        _grants = new GrantBuilder(_own, _names, _pool, _irqControl, deviceUntypeds) { ImageStore = _imageStore };
        if (!Context.Succeeded(_own.TakeSlot("supervision endpoint"), out _endpoint)) return;
        if (!Context.Succeeded(await RetryAsync(() => Sys.Syscall(Syscall.EndpointCreate, _pool, _endpoint), "create the supervision endpoint"))) return;
        Sys.Name(_endpoint, Context.Name, "supervision");
        _grants.LoaderEndpoint = _endpoint;
        _grants.IndexOf = name => _registry.Find(name)?.Index ?? -1;
        _grants.IsReloadTarget = IsReloadTarget;
        _components = new Supervised[_registry.Components.Length];
        for (int index = 0; index < _components.Length; index++) _components[index] = new Supervised(_registry.Components[index]);
        RegistryComponent? self = _registry.Find(Context.Name);
        _wantsTimer = self is not null && HasGrant(self, GrantKind.Ipc, TimerService, IpcEnd.Client);
        if (_wantsTimer && Context.TryFind(ArgKind.BoundNotification, out ArgEntry notification))
        {
            _frequencyHz = (await Sys.ReadRegister(SystemRegister.CounterFrequency)).X1;
            if (!Context.Succeeded(await SharedPageAsync("wake page", ArgsLayout.WakePageVirtAddr), out ulong wakeFrame)) return;
            _grants.WakeFrame = wakeFrame;
            _grants.SupervisorNotification = notification.Cptr;
        }
        bool readsFs = self is not null && (HasGrant(self, GrantKind.Ipc, FileSystemProtocol.ServiceName, IpcEnd.Client) || HasGrant(self, GrantKind.Ipc, FileSystemProtocol.ServiceName, IpcEnd.Writer));
        if (readsFs && Context.Require(ArgKind.BoundNotification, "a bound notification (fs answers the loader on it)", out ArgEntry bound))
        {
            if (!Context.Succeeded(await SharedPageAsync("loader window", ArgsLayout.LoaderWindowVirtAddr), out ulong window)) return;
            if (!Context.Succeeded(ReserveReplySlots())) return;
            _grants.LoaderWindowFrame = window;
            _grants.SupervisorNotification = bound.Cptr;
            if (!_wantsTimer) await Report($"no deadline for the {FileSystemProtocol.ServiceName} service's answers: system_init does not hold ipc:{TimerService}:client");
        }
    }

    /// <summary>A page of system_init's memory mapped read/write at <paramref name="virtAddr"/>, which a service it
    /// spawns maps too (the timer's wake page, fs's loader window): the frame, to map again.</summary>
    private async Task<Outcome<ulong>> SharedPageAsync(string what, ulong virtAddr)
    {
        Outcome<ulong> frame = _own.TakeSlot(what);
        if (frame.Failed) return frame;
        Outcome allocated = await RetryAsync(() => Sys.Syscall(Syscall.MemoryAllocate, _pool, ObjectSizes.PageBits, frame.Value), $"allocate the {what}");
        if (allocated.Failed) return allocated.Failure;
        Outcome<ulong> mapped = await _own.DeriveAsync(frame.Value, CapRights.All, 0, $"copy the {what} to map");
        if (mapped.Failed) return mapped;
        Outcome step = await _own.Check(Sys.Syscall(Syscall.MemoryMap, mapped.Value, virtAddr, (ulong)(VmRights.Read | VmRights.Write)), $"map the {what}");
        return step.Failed ? step.Failure : frame;
    }

    /// <summary>Its own set-up has no supervisor to restart it, so an untyped that is exhausted for a moment (memory
    /// being reclaimed) is retried a few times before system_init gives up.</summary>
    private async Task<Outcome> RetryAsync(System.Func<Operation> syscall, string step)
    {
        const int Attempts = 8;
        for (int attempt = 1; ; attempt++)
        {
            SyscallResult result = await syscall();
            if (result.IsOk) return Outcome.Done;
            if (result.Status != KernelError.NotEnoughMemory || attempt == Attempts) return new Failure($"{step}: {result.Status.Name()} ({result.Reason.Name()}) after {attempt} attempt(s)");
            await Report($"{step}: out of memory, retrying ({attempt} of {Attempts})");
        }
    }

    public override async Task RunAsync()
    {
        List<RegistryComponent> order = StartOrder.Compute(_registry, out List<RegistryComponent> inCycle);
        foreach (RegistryComponent component in inCycle)
        {
            _components[component.Index].State = LifecycleState.Skipped;
            await Report($"not starting {component.Name}: its dependencies form a cycle");
        }
        ComponentKind? phase = null;
        foreach (RegistryComponent spec in order)
        {
            if (phase != spec.Kind)
            {
                phase = spec.Kind;
                await Report($"phase {PhaseName(spec.Kind)}");
            }
            Supervised component = _components[spec.Index];
            Supervised? failedDependency = FailedDependency(component);
            if (failedDependency is not null)
            {
                component.State = LifecycleState.Skipped;
                await Report($"not starting {spec.Name}: dependency {failedDependency.Spec.Name} {(failedDependency.State == LifecycleState.Skipped ? "was not started" : "failed")}");
                continue;
            }
            await StartAsync(component);
            for (int guard = 0; !component.IsSettled && guard < 1_000_000; guard++) await HandleNextEventAsync();
        }
        for (int guard = 0; !ApplicationsDone() && guard < 1_000_000; guard++) await HandleNextEventAsync();
        await ShutdownAsync();
    }

    /// <summary>Spawns the component; a failed spawn (an exhausted untyped, a bad image) is a failure like a fault,
    /// retried as its restart policy allows.</summary>
    private async Task StartAsync(Supervised component)
    {
        for (int attempt = 0; attempt <= (int)component.Spec.RestartLimit + 1; attempt++)
        {
            if (await TrySpawnAsync(component)) return;
            RestartPlan plan = await PlanRestartAsync(component);
            if (plan == RestartPlan.Later) return;
            if (plan == RestartPlan.No) break;
        }
        await GiveUpAsync(component);
    }

    /// <summary>Spawns the component, or reports why it could not and marks it failed.</summary>
    private async Task<bool> TrySpawnAsync(Supervised component)
    {
        Outcome spawned = await SpawnAsync(component);
        if (!spawned.Failed) return true;
        component.State = LifecycleState.Failed;
        await Report($"spawn failed for {component.Spec.Name}: {spawned.Failure.Message}");
        return false;
    }

    private async Task<Outcome> SpawnAsync(Supervised component)
    {
        RegistryComponent spec = component.Spec;
        // Each piece is made once and kept across attempts; a failed attempt leaves the rest to the next one.
        Outcome<ArraySegment<byte>> loaded = await ImageToSpawnAsync(component);
        if (loaded.Failed) return loaded.Failure;
        ArraySegment<byte> image = loaded.Value;
        if (component.ProcessUntyped == 0)
        {
            Outcome<ulong> processUntyped = await _own.RetypeAsync(_pool, ObjectType.Untyped, RootTask.ProcessUntypedBits(spec, image, RootTask.BudgetOf(spec), DataBytesOf(spec)), $"{spec.Name}: process untyped");
            if (processUntyped.Failed) return processUntyped.Failure;
            component.ProcessUntyped = processUntyped.Value;
        }
        if (component.SupervisorCap == 0)
        {
            Outcome<ulong> supervisorCap = await _own.DeriveAsync(_endpoint, CapRights.Write | CapRights.GrantReply, component.Badge, $"{spec.Name}: supervisor endpoint");
            if (supervisorCap.Failed) return supervisorCap.Failure;
            component.SupervisorCap = supervisorCap.Value;
        }
        if (component.Grants is null)
        {
            Outcome<ComponentGrants> built = await _grants.BuildAsync(spec, component.Badge);
            if (built.Failed) return built.Failure;
            component.Grants = built.Value;
        }
        ComponentGrants grants = component.Grants;
        if (spec.Name == SystemInitTimerServer())
        {
            _timer = component;
            Outcome<ulong> timerWake = await SignalCapAsync(_timerWake, _grants.WakeFrame, grants, Protocol.TimerWakeBadge, "signal the timer service");
            if (timerWake.Failed) return timerWake.Failure;
            _timerWake = timerWake.Value;
        }
        if (HasGrant(spec, GrantKind.Ipc, FileSystemProtocol.ServiceName, IpcEnd.Server))
        {
            _fs = component;
            Outcome<ulong> fsRequest = await SignalCapAsync(_fsRequest, _grants.LoaderWindowFrame, grants, LoaderWindow.RequestBadge, "ask the fs service");
            if (fsRequest.Failed) return fsRequest.Failure;
            _fsRequest = fsRequest.Value;
        }
        var request = new SpawnRequest
        {
            Name = spec.Name,
            Binary = spec.Binary,
            Priority = spec.Priority,
            MayCreateProcesses = grants.MayCreateProcesses,
            Instance = component.Restarts,
            Image = image,
            Record = spec,
            ProcessUntypedCptr = component.ProcessUntyped,
            CNodeRadix = grants.MayCreateProcesses ? RootTask.SpawnerCNodeRadix : RootTask.ComponentCNodeRadix,
            SupervisorCptr = component.SupervisorCap,
            MemoryBudgetBytes = grants.MemoryBudgetBytes,
            BoundNotificationCptr = grants.BoundNotification,
            StatePage = StatePageFor(component),
        };
        grants.CopyInto(request);
        if (request.StatePage is not null)
        {
            ulong length = component.HandedVersion == 0 ? 0 : StatePage.LengthOf(request.StatePage);
            request.Entries.Add(new ArgEntry(ArgKind.HandedState, component.HandedVersion, "", 0, ArgsLayout.StatePageVirtAddr, length, 0));
        }
        Outcome<SpawnedChild> child = await _spawner.SpawnAsync(request);
        if (child.Failed) return child.Failure;
        component.Child = child.Value;
        component.State = LifecycleState.Starting;
        await Report($"spawned {spec.Name} (priority {spec.Priority}{(spec.Core != 0 ? $", core {spec.Core}" : "")}{(component.Restarts > 0 ? $", restart {component.Restarts}" : "")})");
        return Outcome.Done;
    }

    /// <summary>The state page a `process:reload` target's next incarnation gets: what its predecessor handed over, or
    /// zeroes when nothing was (a restart). Null for a component nobody may replace.</summary>
    private byte[]? StatePageFor(Supervised component)
    {
        if (component.StatePage is null)
        {
            if (!IsReloadTarget(component.Spec.Name)) return null;
            component.StatePage = new byte[ArgsLayout.PageSizeBytes];
        }
        if (component.HandedVersion == 0) Array.Clear(component.StatePage);
        return component.StatePage;
    }

    /// <summary>A badged copy of a service's bound notification for system_init to signal (a signal never blocks): made once,
    /// when the page the signal is about (<paramref name="sharedFrame"/>) exists; 0 while it cannot be.</summary>
    private async Task<Outcome<ulong>> SignalCapAsync(ulong existing, ulong sharedFrame, ComponentGrants grants, ulong badge, string what)
    {
        if (existing != 0 || sharedFrame == 0 || grants.BoundNotification == 0) return existing;
        return await _own.DeriveAsync(grants.BoundNotification, CapRights.Write, badge, what);
    }

    /// <summary>One message on the supervision endpoint: a component's "ready" or "exit", or a fault the kernel
    /// sent on its behalf (the badge says whose).</summary>
    private async Task HandleNextEventAsync()
    {
        // Messages a read set aside come first, and count as the event (a start waits for a "ready" among them).
        if (_setAside.Count > 0)
        {
            await HandleSetAsideAsync();
            return;
        }
        SyscallResult message = await Sys.Recv(_endpoint);
        if (!message.IsOk)
        {
            await Report($"supervision receive failed: {message.Status.Name()} ({message.Reason.Name()})");
            return;
        }
        await HandleMessageAsync(message);
        await HandleSetAsideAsync();
        if (_wakePending)
        {
            // The timer's signal was taken by a read from fs (which waits on the same notification).
            _wakePending = false;
            await RestartDueAsync(cutShort: false);
        }
        if (_backoffs.Count > 0 && !TimerUsable()) await RestartDueAsync(cutShort: true);
    }

    private async Task HandleMessageAsync(SyscallResult message)
    {
        if (message.Info == 0)
        {
            await RestartDueAsync(cutShort: false);
            return;
        }
        ulong label = MessageInfo.Label(message.Info);
        if ((message.Badge & LoaderBadgeFlag) != 0)
        {
            await HandleLoaderRequestAsync(message);
            return;
        }
        if (message.Badge == 0 || message.Badge > (ulong)_components.Length)
        {
            await Report($"message with unknown badge {message.Badge} (label 0x{label:X}) ignored");
            return;
        }
        Supervised component = _components[message.Badge - 1];
        string name = component.Spec.Name;
        if ((component.Replacement is not null || label == Protocol.QuiescedLabel) && await HandleReplacingAsync(component, label, message)) return;
        if (label == Protocol.ReadyLabel)
        {
            component.State = LifecycleState.Running;
            component.EverRan = true;
            _startedCount++;
            await Report($"started {name}");
            await ReplyAsync(MessageInfo.Make(0, 0, 0, 0));
            return;
        }
        await TearDownAsync(component);
        if (label == Protocol.ExitLabel)
        {
            await Report($"exited {name} (status {message.Mr0})");
            if (message.Mr0 == 0)
            {
                component.State = LifecycleState.Exited;
                if (component.Spec.Restart == RestartRule.Always && await PlanRestartAsync(component) == RestartPlan.Now) await StartAsync(component);
                return;
            }
        }
        else
        {
            component.Faults++;
            _faultedCount++;
            // The data address is what the component did, the same in both worlds; the pc is where its code sits in
            // an image (the simulator's is the image entry, the CPU's the real instruction), so it gets a line of its
            // own that the differential check leaves out (docs/hil.md, "Fault lines").
            await Report($"faulted {name}: {((FaultKind)label).Name()} at address 0x{message.Mr1:X}");
            await Report($"fault location of {name}: pc 0x{message.Mr0:X}");
        }
        // A fault, or an exit with a failure status (an init that could not be done): the restart policy decides.
        component.State = LifecycleState.Failed;
        switch (await PlanRestartAsync(component))
        {
            case RestartPlan.Now:
                await StartAsync(component);
                break;
            case RestartPlan.No:
                await GiveUpAsync(component);
                break;
        }
    }

    /// <summary>Failed for good: says so, and takes down what cannot work without it.</summary>
    private async Task GiveUpAsync(Supervised component)
    {
        component.State = LifecycleState.Failed;
        await Report(component.Spec.Restart == RestartRule.Never
            ? $"not restarting {component.Spec.Name} (restart = never)"
            : $"gave up on {component.Spec.Name} after {component.Restarts} restarts");
        await StopDependentsAsync(component);
        await StopPeersAsync(component);
    }

    /// <summary>A component that failed for good leaves its channel peers and its service's clients waiting forever
    /// (a producer blocked on a full ring nobody drains): they are stopped too. Clients of a failed client, and
    /// servers of a failed client, are unaffected.</summary>
    private async Task StopPeersAsync(Supervised failed)
    {
        foreach (Grant grant in failed.Spec.Grants)
        {
            if (grant.Kind != GrantKind.Ipc || grant.Role is (uint)IpcEnd.Client or (uint)IpcEnd.Writer) continue;
            foreach (Supervised component in _components)
            {
                if (component == failed || !IsActive(component) || !UsesConnection(component.Spec, grant.Name)) continue;
                await StopAsync(component, $"its peer {failed.Spec.Name} on '{grant.Name}' failed");
            }
        }
    }

    private static bool UsesConnection(RegistryComponent component, string connection)
    {
        foreach (Grant grant in component.Grants)
        {
            if (grant.Kind == GrantKind.Ipc && grant.Name == connection) return true;
        }
        return false;
    }

    /// <summary>A component that failed for good takes down what depends on it: left running, a dependent would
    /// wait for it forever (a consumer whose producer is gone), and the system would never finish.</summary>
    private async Task StopDependentsAsync(Supervised failed)
    {
        foreach (Supervised component in _components)
        {
            if (!IsActive(component) || System.Array.IndexOf(component.Spec.Dependencies, failed.Spec.Index) < 0) continue;
            await StopAsync(component, $"dependency {failed.Spec.Name} failed");
        }
    }

    /// <summary>Running, starting, or waiting out a backoff (a restart that must not happen any more).</summary>
    private static bool IsActive(Supervised component) => component.Child is not null || component.State == LifecycleState.Restarting;

    /// <summary>Takes a component down for good because something it needs failed, and whatever needs it in turn.</summary>
    private async Task StopAsync(Supervised component, string why)
    {
        await TearDownAsync(component);
        _backoffs.RemoveAll(entry => entry.Component == component);
        component.State = LifecycleState.Failed;
        await Report($"stopped {component.Spec.Name}: {why}");
        await StopDependentsAsync(component);
        await StopPeersAsync(component);
    }


    private async Task TearDownAsync(Supervised component)
    {
        if (component.Child is null) return;
        await _spawner.TearDownAsync(component.Child);
        await DropSetAsideOfAsync(component);
        component.Child = null;
    }

    private async Task ShutdownAsync()
    {
        await Report("all applications have ended; shutting down");
        for (int index = _components.Length - 1; index >= 0; index--)
        {
            Supervised component = _components[index];
            if (component.Child is null) continue;
            await TearDownAsync(component);
            component.State = LifecycleState.Stopped;
            await Report($"stopped {component.Spec.Name}");
        }
        int notStarted = 0, failed = 0;
        foreach (Supervised component in _components)
        {
            if (component.Spec.SpawnedByRoot || !component.Spec.Autostart) continue;
            if (component.State == LifecycleState.Skipped || !component.EverRan) notStarted++;
            if (component.State == LifecycleState.Failed) failed++;
        }
        await Report($"summary: {_startedCount} started, {_restartedCount} restarted, {_faultedCount} faulted, {failed} failed, {notStarted} not started");
        ulong exitCode = failed + notStarted == 0 ? 0UL : 1UL;
        if (!Context.TryFind(ArgKind.IrqControl, out ArgEntry control))
        {
            await Report("cannot power off: no system:shutdown");
            return;
        }
        await Sys.Syscall(Syscall.Shutdown, control.Cptr, exitCode);
    }

    private bool ApplicationsDone()
    {
        foreach (Supervised component in _components)
        {
            if (component.Spec.Kind != ComponentKind.Application || component.Spec.SpawnedByRoot || !component.Spec.Autostart) continue;
            if (component.State is LifecycleState.Starting or LifecycleState.Running or LifecycleState.NotStarted or LifecycleState.Restarting) return false;
        }
        return true;
    }

    private Supervised? FailedDependency(Supervised component)
    {
        foreach (int dependency in component.Spec.Dependencies)
        {
            Supervised needed = _components[dependency];
            if (needed.State is LifecycleState.Failed or LifecycleState.Skipped) return needed;
        }
        return null;
    }

    /// <summary>The component that serves the timer (`ipc:timer:server`), if any.</summary>
    private string? SystemInitTimerServer()
    {
        foreach (RegistryComponent component in _registry.Components)
        {
            if (HasGrant(component, GrantKind.Ipc, TimerService, IpcEnd.Server)) return component.Name;
        }
        return null;
    }

    /// <summary>The data regions a component's spawn copies: the read-only image, for the fs service.</summary>
    private ulong DataBytesOf(RegistryComponent component) =>
        HasGrant(component, GrantKind.Ipc, FileSystemProtocol.ServiceName, IpcEnd.Server) ? RootTask.DataBytes(_imageStore) : 0;

    private static bool HasGrant(RegistryComponent component, GrantKind kind, string name, IpcEnd end)
    {
        foreach (Grant grant in component.Grants)
        {
            if (grant.Kind == kind && grant.Name == name && grant.Role == (uint)end) return true;
        }
        return false;
    }


    private static string PhaseName(ComponentKind kind) => kind switch
    {
        ComponentKind.Driver => "drivers",
        ComponentKind.Service => "services",
        _ => "applications",
    };

    private ValueTask Report(string text) => Console.WriteLineAsync(text);
}
