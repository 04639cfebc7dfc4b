using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Internal.Runtime.CompilerHelpers;
using Kaal.Kernel.Arm64.Boot;
using Kaal.Kernel.Arm64.Runtime;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Boot;
using Kaal.Sdk.Runtime;

namespace Kaal.User.Arm64;

/// <summary>
/// The busybox's process entry (from start.S), the start convention of docs/el0-components.md: x0 is the address
/// of one page. With the boot information magic this thread is the root task: it reads the registry the page
/// names, runs RootTask and then suspends itself for good. With the arguments magic it is a spawned component:
/// it runs the binary its <see cref="ArgKind.Binary"/> entry names, from the table the image build generated from the
/// components' [KaalComponent] declarations (ComponentTable), exactly as the simulator runs the discovered ones.
/// </summary>
internal static unsafe class UserMain
{
    private const string RootTaskName = "root";

    [UnmanagedCallersOnly(EntryPoint = "kaal_user_main")]
    private static void Main(ulong pageVirtAddr, ulong modulesStart, ulong modulesEnd, ulong heapStart, ulong heapEnd)
    {
        KernelHeap.Initialize(heapStart, heapEnd);
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        ReadOnlySpan<byte> page = new Span<byte>((void*)pageVirtAddr, (int)ArgsLayout.PageSizeBytes);
        if (BootInfoPage.HasMagic(page)) RunRootTask(page);
        else if (ArgsLayout.HasMagic(page)) RunComponent(pageVirtAddr, page);
        else UserFailure.Stop("start", "the page in x0 is neither a boot information page nor an arguments page");
    }

    private static void RunRootTask(ReadOnlySpan<byte> bootPage)
    {
        UserFailure.ComponentName = RootTaskName;
        (ulong registryVirtAddr, ulong registryBytes) = BootInfoPage.RegistryOf(bootPage);
        // Read in place (the kernel mapped a read/write page below it for the array header): a registry of
        // per-component images is a megabyte or more, twice this heap.
        byte[] registry = InPlaceArray.Over(registryVirtAddr, (int)registryBytes);
        // The image store too (the kernel maps it the same way when the system has one).
        (ulong storeVirtAddr, ulong storeBytes) = BootInfoPage.ImageStoreOf(bootPage);
        byte[] store = storeBytes == 0 ? Array.Empty<byte>() : InPlaceArray.Over(storeVirtAddr, (int)storeBytes);
        BootDescription? boot = BootInfoPage.Read(bootPage, registry, store, out string? error);
        if (boot is null)
        {
            UserFailure.Stop(RootTaskName, error ?? "unreadable boot information page");
            return;
        }
        var sys = new Sys(new UserSysBackend(), RootTaskName);
        Task<Outcome> started = RootTask.StartAsync(sys, boot);
        if (!started.IsCompleted) UserFailure.Stop(RootTaskName, "RootTask.StartAsync did not complete");
        // Nobody supervises the root task: a spawn it could not do stops the system with the reason.
        if (started.Result.Failed) UserFailure.Stop(RootTaskName, started.Result.Failure.Message);
        // Its work is done; it must not shut the machine down (system_init owns that): suspend its own thread.
        sys.Syscall(Syscall.TcbSuspend, BootInfo.InitialThreadSlot).GetResult();
        UserFailure.Stop(RootTaskName, "TCB_SUSPEND of its own thread returned");
    }

    private static void RunComponent(ulong argsVirtAddr, ReadOnlySpan<byte> argsPage)
    {
        string name = ArgsLayout.ComponentName(argsPage);
        UserFailure.ComponentName = name;
        string? binary = null;
        uint count = ArgsLayout.EntryCount(argsPage);
        for (int index = 0; index < count && index < ArgsLayout.MaxEntries; index++)
        {
            ArgEntry entry = ArgsLayout.ReadEntry(argsPage, index);
            if (entry.Kind == ArgKind.Binary) binary = entry.Name;
        }
        Component? program = binary is null ? null : ComponentTable.Create(binary);
        if (program is null)
        {
            UserFailure.Stop(name, binary is null ? "its arguments name no binary" : "binary '" + binary + "' is not in this image");
            return;
        }
        var sys = new Sys(new UserSysBackend(), name);
        Task finished = ComponentRuntime.StartAsync(sys, argsVirtAddr, program);
        if (!finished.IsCompleted) UserFailure.Stop(name, "ComponentRuntime.StartAsync did not complete");
        // Supervised components never get here (their exit Call is not answered); one started by hand has ended.
        UserFailure.Stop(name, "ended (no supervisor to tell)");
    }
}
