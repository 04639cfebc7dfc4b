namespace Kaal.Model;

public sealed partial class Kernel
{
    /// <summary>
    /// A 64-bit hash of the whole kernel state (<see cref="StateHashing"/>): the configuration, every
    /// object-table entry, every slot (the scratch slot included) and the slot pool's buddy lists, every
    /// thread entry with its registers and FP/SIMD words, every mapping record and the pending range, the
    /// IRQ lines, the live parts of the destroy and stall queues, the cores, ready queues and bitmaps, the executing
    /// core, the root CNode and the boot info. Free table entries count: their generations and free links
    /// decide what the next allocation returns. Left out are only the scratch arrays no operation reads
    /// before writing (the invariant checker's capability tally, Retype's reserved slot blocks), the
    /// destroy- and stall-queue entries past their lengths, and what is not state at all: whether fast paths are on
    /// (<see cref="KernelConfig.SlowPathOnly"/>) and how often they were taken, which differ between kernels
    /// that reach the same states. Equal states hash equal in every run and process; a
    /// difference in any single hashed field changes the hash. Allocates nothing.
    /// Cost: one xor, one multiply and one shift-xor per 64-bit word, small fields packed into shared words.
    /// For ScenarioKernel.Config() (128 objects, 513 pool slots and 115 kernel-owned ones, 17 thread entries, 32
    /// mappings, 64 IRQ lines, one core) that is 7,889 words (63,112 bytes); each further core adds 400 words (its
    /// idle thread with its 3 TCB slots, ready queues and bitmap). Measured on the x64 host (Release) before the
    /// kernel-owned slots (7,570 words): about 19 µs, against about 11 µs for <see cref="CopyStateTo"/>.
    /// </summary>
    public ulong StateHash()
    {
        ulong hash = StateHashing.Seed;
        hash = StateHashing.Mix(hash, StateHashing.Pair(_config.ObjectCapacity, (uint)_config.SlotPoolOrder));
        hash = StateHashing.Mix(hash, StateHashing.Pair((uint)_config.RootCNodeRadix, _config.IrqCount));
        hash = StateHashing.Mix(hash, StateHashing.Pair(_config.ThreadCapacity, (uint)_config.CoreCount));
        hash = StateHashing.Mix(hash, StateHashing.Pair(_config.TimesliceTicks, _config.MappingCapacity));

        hash = _objects.HashState(hash);
        hash = _slots.HashState(hash);
        hash = _threads.HashState(hash);
        hash = _mappings.HashState(hash);

        // Per line: its handler, then the enabled and changed flags packed two bits a line, 32 lines a word.
        ulong packed = 0;
        for (int irq = 0; irq < _irqHandler.Length; irq++)
        {
            hash = StateHashing.Mix(hash, StateHashing.Ref(_irqHandler[irq]));
            // Only a named core is mixed in, so states without one hash as before trigger cores existed.
            if (_irqTriggerCore[irq] != NoTriggerCoreByte) hash = StateHashing.Mix(hash, (uint)irq | ((ulong)_irqTriggerCore[irq] << 32));
            packed |= (StateHashing.Bit(_irqEnabled[irq]) | (StateHashing.Bit(_irqChanged[irq]) << 1)) << ((irq & 31) * 2);
            if ((irq & 31) == 31 || irq == _irqHandler.Length - 1)
            {
                hash = StateHashing.Mix(hash, packed);
                packed = 0;
            }
        }
        // The stall queue's length (below the thread table's size, so under 2^31) shares the word: empty, as it is
        // between kernel entries, it leaves every hash as it was before the queue existed.
        hash = StateHashing.Mix(hash, StateHashing.Bit(_irqChangesPending) | ((ulong)_stallQueueLength << 1) | ((ulong)_destroyQueueLength << 32));
        hash = StateHashing.Mix(hash, _messagesDelivered);
        for (uint index = 0; index < _destroyQueueLength && index < (uint)_destroyQueue.Length; index++)
        {
            hash = StateHashing.Mix(hash, _destroyQueue[index]);
        }
        for (uint index = 0; index < _stallQueueLength && index < (uint)_stallQueue.Length; index++)
        {
            hash = StateHashing.Mix(hash, _stallQueue[index]);
        }

        for (int core = 0; core < _cores.Length; core++)
        {
            ref CoreState state = ref _cores[core];
            hash = StateHashing.Mix(hash, StateHashing.Pair(state.Current, state.Idle));
            hash = StateHashing.Mix(hash, StateHashing.Pair(state.SwitchTarget, (uint)state.Action | ((uint)_readySummary[core] << 8)));
        }
        for (int queue = 0; queue < _readyHead.Length; queue++)
        {
            hash = StateHashing.Mix(hash, StateHashing.Pair(_readyHead[queue], _readyTail[queue]));
        }
        for (int word = 0; word < _readyBits.Length; word++) hash = StateHashing.Mix(hash, _readyBits[word]);

        hash = StateHashing.Mix(hash, (uint)_executingCore);
        hash = StateHashing.Mix(hash, StateHashing.Ref(_rootCNode));
        hash = StateHashing.Mix(hash, StateHashing.Pair(_bootInfo.UntypedCount, _bootInfo.FirstEmptySlot));
        hash = StateHashing.Mix(hash, StateHashing.Pair(_bootInfo.RootCNodeSlotCount, _bootInfo.RootThread));
        return StateHashing.Finish(hash);
    }
}
