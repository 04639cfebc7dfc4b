using Kaal.Kernel.Arm64.Port;
using Kaal.Model;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The boot path acting as the root task before it first runs: each call is a real syscall through the
/// Model's dispatcher (<see cref="Kaal.Model.Kernel.MakeSyscall"/>) with the root thread's authority,
/// so every object and mapping of the user-test system comes from capabilities the root task holds, and
/// every mapping reaches the page tables through the same kernel-exit flush as at EL0. A failure is a
/// set-up bug: it panics with the syscall, error and reason.
/// </summary>
internal readonly struct RootTaskSyscalls
{
    private readonly Kaal.Model.Kernel _kernel;

    internal RootTaskSyscalls(Kaal.Model.Kernel kernel)
    {
        _kernel = kernel;
    }

    /// <summary>Issues the syscall and returns its first result register (x1).</summary>
    internal ulong Invoke(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0,
        ulong a6 = 0, ulong a7 = 0)
    {
        var machine = default(MachinePort);
        ulong status = _kernel.MakeSyscall(ref machine, 0, number, a0, a1, a2, a3, a4, a5, a6, a7);
        uint root = _kernel.BootInfo.RootThread;
        if (status != 0)
        {
            KernelConsole.Write("user-test set-up: syscall ");
            KernelConsole.WriteHex((ulong)number);
            KernelConsole.Write(" failed: KernelError ");
            KernelConsole.WriteDecimal(status);
            KernelConsole.Write(", ErrorReason ");
            KernelConsole.WriteDecimal(_kernel.Register(root, Kaal.Model.Kernel.ErrorReasonRegister));
            KernelConsole.WriteLine();
            KernelPanic.Halt("user-test set-up failed");
        }
        return _kernel.Register(root, 1);
    }

    /// <summary>COPY or MINT within the root CNode (full-word depth: the root CNode's guard takes the rest).</summary>
    internal void Mint(ulong destSlot, ulong sourceSlot, CapRights rights, ulong badge) =>
        Invoke(Syscall.CapMint, UserTestLayout.RootCNode, destSlot, WordDepth, UserTestLayout.RootCNode, sourceSlot, WordDepth, (ulong)rights, badge);

    internal void Copy(ulong destSlot, ulong sourceSlot, CapRights rights) =>
        Invoke(Syscall.CapCopy, UserTestLayout.RootCNode, destSlot, WordDepth, UserTestLayout.RootCNode, sourceSlot, WordDepth, (ulong)rights);

    internal void Move(ulong destSlot, ulong sourceSlot) =>
        Invoke(Syscall.CapMove, UserTestLayout.RootCNode, destSlot, WordDepth, UserTestLayout.RootCNode, sourceSlot, WordDepth);

    /// <summary>RETYPE from <paramref name="untypedSlot"/> into root slots <paramref name="firstSlot"/>.. .</summary>
    internal void Retype(ulong untypedSlot, ObjectType type, int sizeBits, ulong firstSlot, ulong count) =>
        Invoke(Syscall.Retype, untypedSlot, (ulong)type, (ulong)sizeBits, UserTestLayout.RootCNode, 0, 0, firstSlot, count);

    private const ulong WordDepth = 64;
}
