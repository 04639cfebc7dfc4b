using System;
using System.Collections.Generic;
using System.Linq;
using Kaal.Model.Tests.Properties;
using Kaal.Model.Tests.Syscalls;

namespace Kaal.Model.Tests.FastPath;

/// <summary>
/// The same <see cref="SyscallWorld"/> twice, one kernel with its fast paths and one with
/// <see cref="KernelConfig.SlowPathOnly"/>, driven in lockstep: every operation goes to both, and
/// <see cref="Difference"/> says how they differ afterwards (state hash, the register files as a readable
/// first difference, the machines' memory and what they were asked), or null when they do not.
/// </summary>
public sealed class TwinWorlds
{
    public TwinWorlds(WorldSpec spec)
    {
        Fast = new SyscallWorld(spec);
        Slow = new SyscallWorld(spec, slowPathOnly: true);
    }

    public SyscallWorld Fast { get; }

    public SyscallWorld Slow { get; }

    public Kernel Kernel => Fast.Kernel;

    /// <summary>Applies <paramref name="op"/> to both kernels; true if a fast path completed it. A kernel assertion
    /// on either side is reported as a <see cref="PropertyViolation"/> naming the side.</summary>
    public bool Apply(Op op)
    {
        ulong before = Fast.Kernel.FastPathsTaken;
        string? fastPanic = Run(Fast, op);
        string? slowPanic = Run(Slow, op);
        if (fastPanic is not null || slowPanic is not null)
        {
            throw new PropertyViolation($"kernel assertion: with fast paths: {fastPanic ?? "none"}; without: {slowPanic ?? "none"}");
        }
        return Fast.Kernel.FastPathsTaken != before;
    }

    /// <summary>The current thread of <paramref name="core"/> makes a syscall in both kernels; true if a fast path took it.</summary>
    public bool Sys(int core, Syscall number, params ulong[] args)
    {
        var registers = new ulong[8];
        Array.Copy(args, registers, args.Length);
        return Apply(new SysOp(core, (ulong)number, registers));
    }

    private static string? Run(SyscallWorld world, Op op)
    {
        try
        {
            world.Apply(op);
            return null;
        }
        catch (KernelPanicException panic)
        {
            return panic.Message;
        }
    }

    public string? Difference()
    {
        Kernel fast = Fast.Kernel, slow = Slow.Kernel;
        if (fast.StateHash() == slow.StateHash() && SameMachine(out string? machine)) return null;
        SameMachine(out machine);
        if (machine is not null) return machine;
        string fastState = KernelState.Describe(fast), slowState = KernelState.Describe(slow);
        if (fastState != slowState) return $"kernel state differs:\nwith fast paths:\n{fastState}\nwithout:\n{slowState}";
        for (uint thread = 0; thread < fast.Threads.Capacity; thread++)
        {
            for (int register = 0; register < UserContext.RegisterCount; register++)
            {
                ulong a = fast.Register(thread, register), b = slow.Register(thread, register);
                if (a != b) return $"thread {thread} register {register}: 0x{a:x} with fast paths, 0x{b:x} without";
            }
        }
        string fastRest = Rest(fast), slowRest = Rest(slow);
        if (fastRest != slowRest) return $"kernel state differs:\nwith fast paths:\n{fastRest}\nwithout:\n{slowRest}";
        return "state hashes differ (in a field KernelState.Describe, the registers and the IPC flags do not show)";
    }

    /// <summary>What <see cref="KernelState.Describe"/> leaves out and a fast path writes: switch targets, the
    /// message count, the threads' IPC flags and their reply capabilities.</summary>
    private static string Rest(Kernel k)
    {
        var text = new System.Text.StringBuilder($"messages={k.MessagesDelivered} executing={k.ExecutingCore}\n");
        for (int c = 0; c < k.CoreCount; c++) text.Append($"core {c}: switch target={k.Core(c).SwitchTarget}\n");
        for (uint t = 0; t < k.Threads.Capacity; t++)
        {
            ref readonly ThreadEntry e = ref k.ThreadAt(t);
            text.Append($"thread {t}: call={e.SendIsCall} badge={e.SendBadge} grant={e.SendCanGrant}/{e.SendCanGrantReply} " +
                        $"receiveGrant={e.ReceiveCanGrant} fault={e.FaultPending}\n");
        }
        return text.ToString();
    }

    private bool SameMachine(out string? difference)
    {
        SparseMachine a = Fast.Machine, b = Slow.Machine;
        difference = null;
        if (a.Faults != b.Faults || a.IrqChanges != b.IrqChanges || a.ShutDown != b.ShutDown)
        {
            difference = $"machine calls differ: faults {a.Faults}/{b.Faults}, IRQ changes {a.IrqChanges}/{b.IrqChanges}, shutdown {a.ShutDown}/{b.ShutDown}";
        }
        else if (a.Memory.Count != b.Memory.Count || a.Memory.Any(word => !b.Memory.TryGetValue(word.Key, out ulong value) || value != word.Value))
        {
            difference = "machine memory differs";
        }
        return difference is null;
    }
}
