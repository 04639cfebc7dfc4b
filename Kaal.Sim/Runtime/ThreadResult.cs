using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.Sim.Runtime;

/// <summary>What a thread's last syscall returned, as its registers hold it after the kernel ran it (docs/abi.md):
/// x0 the status, x1..x6 the results.</summary>
internal static class ThreadResult
{
    public static SyscallResult Of(Kernel kernel, uint thread) => new(
        (KernelError)kernel.Register(thread, 0), kernel.Register(thread, 1), kernel.Register(thread, 2),
        kernel.Register(thread, 3), kernel.Register(thread, 4), kernel.Register(thread, 5), kernel.Register(thread, 6));
}
