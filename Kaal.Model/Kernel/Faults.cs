namespace Kaal.Model;

/// <summary>
/// User faults, as seL4's handleFault (non-MCS): the fault goes as a message, like a Call, to the
/// endpoint at the thread's fault-endpoint address in its own CSpace; the thread waits for the reply
/// (label 0 resumes it, at MR0 if given). Without a usable fault endpoint the thread is marked Faulted and
/// the machine reports which thread, what and where. The kernel itself never stops for a user thread.
/// </summary>
public sealed partial class Kernel
{
    public const int FaultMessageLength = 3;

    /// <summary>The machine reports a fault of the current thread of <paramref name="core"/>.</summary>
    public void HandleUserFault<TMachine>(ref TMachine machine, int core, in FaultInfo fault) where TMachine : struct, IMachinePort
    {
        KernelAssert.That(core >= 0 && core < _cores.Length, AssertionSite.BoundExceeded, (ulong)core);
        _executingCore = core;
        uint thread = _cores[core].Current;
        if (thread != _cores[core].Idle)
        {
            RaiseFault(ref machine, thread, fault);
        }
        ScheduleAllCores();
        FlushMachineUpdates(ref machine);
    }

    private void RaiseFault<TMachine>(ref TMachine machine, uint thread, in FaultInfo fault) where TMachine : struct, IMachinePort
    {
        ref ThreadEntry entry = ref _threads[thread];
        ulong cptr = entry.FaultEndpointCptr;
        if (cptr != 0 && LookupThreadSlot(thread, cptr, out uint slot))
        {
            Capability endpointCap = _slots[slot].Cap;
            bool usable = endpointCap.Type == CapType.Endpoint &&
                (endpointCap.Rights & CapRights.Write) != 0 &&
                (endpointCap.Rights & (CapRights.Grant | CapRights.GrantReply)) != 0;
            if (usable)
            {
                entry.Fault = fault;
                entry.FaultPending = true;
                SendFault(thread, endpointCap);
                return;
            }
        }
        LeaveRunnable(thread, ThreadState.Faulted);
        entry.Fault = fault;
        machine.ReportUnhandledFault(thread, fault);
    }

    private void SendFault(uint thread, in Capability endpointCap)
    {
        ref KernelObject queue = ref _objects.Get(endpointCap.Object);
        ref ThreadEntry entry = ref _threads[thread];
        if (queue.QueueKind != WaitQueueKind.Receivers)
        {
            LeaveRunnable(thread, ThreadState.BlockedOnSend);
            entry.SendBadge = endpointCap.Badge;
            entry.SendCanGrant = false;
            entry.SendCanGrantReply = true;
            entry.SendIsCall = true;
            WaitAppend(endpointCap.Object, thread);
            queue.QueueKind = WaitQueueKind.Senders;
            return;
        }
        uint receiver = queue.QueueHead;
        WaitRemove(receiver);
        _threads[receiver].State = ThreadState.Inactive;
        DoFaultTransfer(thread, endpointCap.Badge, receiver);
        SetStatus(receiver, KernelError.Ok);
        MakeRunnable(receiver);
        WaitForReply(thread, receiver, false);
    }

    /// <summary>The fault message: label = fault kind; MR0 program counter, MR1 address, MR2 syndrome.</summary>
    private void DoFaultTransfer(uint faulter, ulong badge, uint receiver)
    {
        ref ThreadEntry entry = ref _threads[faulter];
        Register(receiver, ReceiveBadgeRegister) = badge;
        Register(receiver, ReceiveInfoRegister) = MessageInfo.Make((ulong)entry.Fault.Kind, FaultMessageLength, 0, 0);
        Register(receiver, ReceiveFirstMessageRegister) = entry.Fault.ProgramCounter;
        Register(receiver, ReceiveFirstMessageRegister + 1) = entry.Fault.Address;
        Register(receiver, ReceiveFirstMessageRegister + 2) = entry.Fault.Syndrome;
    }
}
