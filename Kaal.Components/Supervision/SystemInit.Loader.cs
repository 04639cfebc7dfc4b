using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Images;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Components.Supervision;

/// <summary>
/// The loader (docs/hot-reload.md): replaces a running component with a new version from the image store, asked by a
/// holder of `process:reload:NAME` on system_init's own endpoint (the badge names the target). The image is checked
/// before anything is stopped (<see cref="ComponentImage.Check"/>: ELF rules, metadata, binary, type, expected
/// capabilities within the manifest's grants); a refusal leaves the running version alone. Then the old version is
/// asked to stop (a stop request on its channel notifications), hands its state over at a quiescent point (or is killed
/// at the stop deadline), and the new version is spawned with that state; if it fails before it is ready, the old
/// version is spawned again with the same state.
/// </summary>
public sealed partial class SystemInit
{
    /// <summary>The badge bit of a loader request; the low bits are the target's registry index + 1.</summary>
    public const ulong LoaderBadgeFlag = 1UL << 20;
    /// <summary>How long an old version has to reach a quiescent point before it is killed (timed by the timer service).</summary>
    public const uint StopDeadlineMs = 50;

    /// <summary>The ELF reader of the loader's checks (one for all: the EL0 heap never frees).</summary>
    private readonly ElfImage _elf = new();
    /// <summary>Where the images read through fs are kept, reused from reload to reload.</summary>
    private LoaderImages _loaderImages = null!;

    /// <summary>The image store the root task handed over, read in place: system_init only passes it to the fs service.</summary>
    private byte[] _imageStore = Array.Empty<byte>();

    /// <summary>A replace request: checked and answered at once (a reply must come before system_init's next receive),
    /// then the stop begins.</summary>
    private async Task HandleLoaderRequestAsync(SyscallResult message)
    {
        ulong index = (message.Badge & ~LoaderBadgeFlag) - 1;
        ulong pathBytes = MessageInfo.Label(message.Info) - Loader.ReplaceLabel;
        if (index >= (ulong)_components.Length || pathBytes is 0 or > Loader.MaxPathBytes)
        {
            await ReplyAsync(MessageInfo.Make((ulong)LoaderReply.Refused, 0, 0, 0));
            await Report($"loader request with badge 0x{message.Badge:X} and label 0x{MessageInfo.Label(message.Info):X} ignored");
            return;
        }
        Supervised target = _components[index];
        string path = PathOf(message, (int)pathBytes);
        if (target.State != LifecycleState.Running || target.Child is null || target.Replacement is not null)
        {
            await ReplyAsync(MessageInfo.Make((ulong)LoaderReply.Busy, 0, 0, 0));
            await Report($"reload of {target.Spec.Name} refused: it is {(target.Replacement is null ? "not running" : "being replaced")}; ask again later");
            return;
        }
        if (!await SaveLoaderReplyAsync(target)) return;
        Outcome<Replacement> checkedImage = await CheckImageAsync(target, path);
        await ReplyAsync(MessageInfo.Make((ulong)(checkedImage.Failed ? LoaderReply.Refused : LoaderReply.Accepted), 0, 0, 0));
        if (_replySlot == _loaderReplySlot) _replySlot = 0;
        if (checkedImage.Failed)
        {
            await Report($"reload of {target.Spec.Name} refused: {checkedImage.Failure.Message}; the running version keeps running");
            return;
        }
        target.Replacement = checkedImage.Value;
        await Report($"reloading {target.Spec.Name} from {path} (version {checkedImage.Value.NewVersion}): asking it to stop");
        checkedImage.Value.StopRequestedTicks = await NowAsync();
        await RequestStopAsync(target);
    }

    /// <summary>Keeps the reloader's reply capability in <see cref="_loaderReplySlot"/> while its image is read (the
    /// read receives on the supervision endpoint, which would delete it in the caller slot). A request set aside
    /// during an earlier read has its reply saved already. False if it cannot be kept (the request is refused).</summary>
    private async Task<bool> SaveLoaderReplyAsync(Supervised target)
    {
        if (_replySlot != 0 || _loaderReplySlot == 0) return true;
        SyscallResult saved = await Sys.SaveCaller(_own.CNodeCptr, _loaderReplySlot, _own.Depth);
        if (saved.IsOk)
        {
            _replySlot = _loaderReplySlot;
            return true;
        }
        await ReplyAsync(MessageInfo.Make((ulong)LoaderReply.Refused, 0, 0, 0));
        await Report($"reload of {target.Spec.Name} refused: system_init could not keep the reply ({saved.Status.Name()}, {saved.Reason.Name()}); the running version keeps running");
        return false;
    }

    private static string PathOf(SyscallResult message, int length)
    {
        var bytes = new byte[Loader.MaxPathBytes];
        ulong[] words = [message.Mr0, message.Mr1, message.Mr2, message.Mr3];
        for (int index = 0; index < length; index++) bytes[index] = (byte)(words[index / 8] >> (8 * (index % 8)));
        return System.Text.Encoding.ASCII.GetString(new ReadOnlySpan<byte>(bytes, 0, length));
    }

    /// <summary>The image at <paramref name="path"/>, read through the fs service (the reloader's reply waits meanwhile,
    /// saved in a slot of system_init's CSpace: SystemInit.SetAside.cs), if the target's registry record may run it and it fits the
    /// target's process untyped (kept across incarnations, so a new version cannot be larger).</summary>
    private async Task<Outcome<Replacement>> CheckImageAsync(Supervised target, string path)
    {
        Outcome<ArraySegment<byte>> read = await ReadImageAsync(path);
        if (read.Failed) return read.Failure;
        ArraySegment<byte> image = read.Value;
        Outcome<Replacement> replacement = CheckReadImage(target, path, image);
        if (replacement.Failed) _loaderImages.Release(image);
        return replacement;
    }

    private Outcome<Replacement> CheckReadImage(Supervised target, string path, ArraySegment<byte> image)
    {
        Outcome<ComponentMetadata> metadata = ComponentImage.Check(image, target.Spec, _elf);
        if (metadata.Failed) return new Failure($"{path}: {metadata.Failure.Message}");
        ArraySegment<byte> current = CurrentImage(target);
        ulong budget = RootTask.BudgetOf(target.Spec);
        int needed = RootTask.ProcessUntypedBits(target.Spec, image, budget, DataBytesOf(target.Spec));
        int held = RootTask.ProcessUntypedBits(target.Spec, current, budget, DataBytesOf(target.Spec));
        if (needed > held) return new Failure($"{path}: the image needs a 2^{needed}-byte process untyped, {target.Spec.Name} has 2^{held}");
        return new Replacement(path, image, metadata.Value.Version, current);
    }

    private ArraySegment<byte> CurrentImage(Supervised component) =>
        component.Image.Array is null ? RootTask.ImageOf(_registry, component.Spec) : component.Image;

    /// <summary>Whether some component holds `process:reload:NAME`.</summary>
    private bool IsReloadTarget(string name)
    {
        foreach (RegistryComponent component in _registry.Components)
        {
            foreach (Grant grant in component.Grants)
            {
                if (grant.Kind == GrantKind.ProcessReload && grant.Name == name) return true;
            }
        }
        return false;
    }

    /// <summary>Signals a stop request on every notification the target's channel ends wait on and on its bound
    /// notification (a service receives it between requests), and starts the stop
    /// deadline when the timer service can time it (without it the old version is waited for).</summary>
    private async Task RequestStopAsync(Supervised target)
    {
        if (target.StopSignals is null)
        {
            var signals = new List<ulong>();
            var notifications = new List<ulong>();
            foreach (Sdk.Spawn.ChildGrant grant in target.Grants!.Grants)
            {
                if (grant.Entry.Kind == ArgKind.Channel) notifications.Add(grant.SourceCptr);
            }
            if (target.Grants.BoundNotification != 0) notifications.Add(target.Grants.BoundNotification);
            foreach (ulong notification in notifications)
            {
                Outcome<ulong> badged = await _own.DeriveAsync(notification, CapRights.Write, Protocol.StopRequestBadge, $"{target.Spec.Name}: stop request");
                if (badged.Failed)
                {
                    await Report($"cannot ask {target.Spec.Name} to stop: {badged.Failure.Message}; it is killed at the deadline");
                    break;
                }
                signals.Add(badged.Value);
            }
            target.StopSignals = signals;
        }
        foreach (ulong signal in target.StopSignals) await Sys.Signal(signal);
        if (!TimerUsable())
        {
            await Report($"no stop deadline for {target.Spec.Name}: the {TimerService} service is not available");
            return;
        }
        _backoffs.Add((target, await NowAsync() + (ulong)StopDeadlineMs * _frequencyHz / 1000));
        await RequestWakeAsync();
    }

    /// <summary>The old version reached a quiescent point (or, with <paramref name="killed"/>, missed the deadline):
    /// it is torn down and the new version spawned with the state it handed over (<paramref name="stateVersion"/> 0:
    /// none; the state itself is in the target's <see cref="Supervised.StatePage"/>).</summary>
    private async Task ReplaceStoppedAsync(Supervised target, uint stateVersion, bool killed)
    {
        Replacement replacement = target.Replacement!;
        _backoffs.RemoveAll(entry => entry.Component == target);
        await TearDownAsync(target);
        target.HandedVersion = stateVersion;
        string state = stateVersion == 0 ? "no state" : $"state version {stateVersion}, {StatePage.LengthOf(target.StatePage!)} bytes";
        await Report(killed
            ? $"killed {target.Spec.Name}: it reached no quiescent point within {StopDeadlineMs} ms; starting version {replacement.NewVersion} without its state"
            : $"stopped {target.Spec.Name} at a quiescent point ({state}); starting version {replacement.NewVersion}");
        replacement.Phase = ReplacementPhase.StartingNew;
        target.Image = replacement.NewImage;
        if (!await TrySpawnAsync(target)) await RollBackAsync(target, "it could not be spawned");
    }

    /// <summary>The state the old version handed over at its quiescent point: its state page copied into the target's
    /// (before the teardown frees the frame) and checked against the hand-over message (version, length, checksum).
    /// A blob too large or damaged is refused, said on the console, and the new version starts without state.
    /// Returns the version taken (0: none).</summary>
    private async Task<uint> TakeStateAsync(Supervised target, SyscallResult message)
    {
        uint version = (uint)message.Mr0;
        if (version == 0) return 0;
        byte[] page = target.StatePage ??= new byte[ArgsLayout.PageSizeBytes];
        Outcome taken = target.Child is null ? new Failure("it has no state page") : await _spawner.ReadStatePageAsync(target.Child, page);
        if (!taken.Failed) taken = StatePage.Check(page, version, message.Mr1, message.Mr2);
        if (!taken.Failed) return version;
        Array.Clear(page);
        await Report($"refused the state {target.Spec.Name} handed over (version {version}): {taken.Failure.Message}; version {target.Replacement!.NewVersion} starts without it");
        return 0;
    }

    /// <summary>The new version failed before it was ready: the old one is spawned again with the same handed state.</summary>
    private async Task RollBackAsync(Supervised target, string why)
    {
        Replacement replacement = target.Replacement!;
        await TearDownAsync(target);
        await Report($"version {replacement.NewVersion} of {target.Spec.Name} failed at start ({why}); rolling back");
        replacement.Phase = ReplacementPhase.RollingBack;
        target.Image = replacement.OldImage;
        if (!await TrySpawnAsync(target))
        {
            target.Replacement = null;
            _loaderImages.Release(replacement.NewImage);
            await GiveUpAsync(target);
        }
    }

    /// <summary>How long the replacement took, from the stop request to the new version's "ready", by the counter
    /// (on QEMU its virtual clock, host time under TCG without -icount; a tick per step in the simulator).</summary>
    private async Task ReportReloadTimeAsync(Supervised component, Replacement replacement)
    {
        if (_frequencyHz == 0) return;
        ulong ticks = await NowAsync() - replacement.StopRequestedTicks;
        await Report($"reload of {component.Spec.Name} took {ticks * 1_000_000 / _frequencyHz} us from the stop request to version {replacement.NewVersion}'s ready; loader images: {_loaderImages.InUse} of {_loaderImages.Windows} windows in use, {_loaderImages.Pages} pages");
    }

    /// <summary>A message from a component being replaced, handled by the loader (true), or left to the lifecycle.</summary>
    private async Task<bool> HandleReplacingAsync(Supervised component, ulong label, SyscallResult message)
    {
        Replacement? replacement = component.Replacement;
        if (label == Protocol.QuiescedLabel)
        {
            if (replacement is { Phase: ReplacementPhase.Stopping })
            {
                await ReplaceStoppedAsync(component, await TakeStateAsync(component, message), killed: false);
                return true;
            }
            // A stop request left over from an earlier replacement: the stop is withdrawn, the component goes on.
            await ReplyAsync(MessageInfo.Make(0, 0, 0, 0));
            return true;
        }
        if (replacement is null) return false;
        if (label == Protocol.ReadyLabel)
        {
            string outcome = replacement.Phase == ReplacementPhase.RollingBack ? "rolled back to its previous version" : $"version {replacement.NewVersion} is running";
            component.Replacement = null;
            component.HandedVersion = 0;
            // The image that no longer runs: its loader window is free for the next reload.
            _loaderImages.Release(replacement.Phase == ReplacementPhase.RollingBack ? replacement.NewImage : replacement.OldImage);
            await Report($"reloaded {component.Spec.Name}: {outcome}");
            if (replacement.Phase == ReplacementPhase.StartingNew) await ReportReloadTimeAsync(component, replacement);
            return false;
        }
        if (replacement.Phase == ReplacementPhase.StartingNew)
        {
            if (label != Protocol.ExitLabel)
            {
                component.Faults++;
                _faultedCount++;
            }
            await RollBackAsync(component, label == Protocol.ExitLabel ? $"exit status {message.Mr0}" : $"{((FaultKind)label).Name()} at address 0x{message.Mr1:X}");
            return true;
        }
        // The old version ended or faulted before it stopped, or the rolled-back one failed: the lifecycle decides.
        component.Replacement = null;
        _loaderImages.Release(replacement.NewImage);
        _backoffs.RemoveAll(entry => entry.Component == component && component.State == LifecycleState.Running);
        await Report($"reload of {component.Spec.Name} abandoned: it ended before it was replaced");
        return false;
    }
}
