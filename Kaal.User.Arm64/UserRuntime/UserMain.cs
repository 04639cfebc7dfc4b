using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Internal.Runtime.CompilerHelpers;
using Kaal.Kernel.Arm64.Boot;
using Kaal.Kernel.Arm64.Runtime;
using Kaal.Sdk;
using Kaal.User.Arm64.Components;

namespace Kaal.User.Arm64;

/// <summary>The component's process entry (from start.S): heap, statics, run the component, SHUTDOWN with
/// the root task's IrqControl (the spike's component is the root task).</summary>
internal static unsafe class UserMain
{
    [UnmanagedCallersOnly(EntryPoint = "kaal_user_main")]
    private static void Main(ulong modulesStart, ulong modulesEnd, ulong heapStart, ulong heapEnd)
    {
        KernelHeap.Initialize(heapStart, heapEnd);
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        var sys = new Sys(new UserSysBackend(), "hello");
        Task<bool> run = new HelloComponent(sys).RunAsync();
        bool passed = run.IsCompleted && run.Result;
        ulong* registers = stackalloc ulong[8];
        registers[0] = UserSyscalls.IrqControlSlot;
        registers[1] = passed ? 0UL : 1UL;
        UserSyscalls.Invoke(UserSyscalls.Shutdown, registers);
        KernelPanic.Halt("SHUTDOWN returned");
    }
}
