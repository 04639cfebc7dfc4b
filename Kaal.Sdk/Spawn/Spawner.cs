using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Coroutines;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Images;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Spawn;

/// <summary>
/// Starts a component from its ELF image with existing syscalls only (seed 001, option B: no spawn syscall):
/// PROCESS_CREATE from the child's process untyped, a frame per page of every PT_LOAD segment (filled through a
/// scratch mapping in the spawner's own address space, .bss zeroed), stack, IPC buffer and arguments pages, the
/// granted capabilities copied in with CAP_INSERT_INTO, TCB_CONFIGURE, TCB_WRITE_REGISTERS (pc = entry,
/// sp = stack top, x0 = arguments page), TCB_RESUME. A failed step undoes the spawn (revoking the process
/// untyped) and the failure names the step: a spawn that cannot be done is a value its caller handles (the same
/// on the CPU, where a throw would fault the spawner, as in the simulator).
/// </summary>
public sealed class Spawner(OwnCSpace own)
{
    private const ulong PageBytes = ArgsLayout.PageSizeBytes;

    private readonly ElfImage _elf = new();

    /// <summary>The page being filled (a segment's bytes, the arguments page): written, then copied into a frame by
    /// <see cref="FillAsync"/> before the next page is built. One spawn at a time per spawner, as for
    /// <see cref="_elf"/>, so one buffer serves every page of every spawn.</summary>
    private readonly byte[] _page = new byte[PageBytes];

    /// <summary>The slots the spawn under way has taken: one list for every spawn (one at a time, as for
    /// <see cref="_page"/>), copied into the child's record once it runs (the EL0 heap never frees).</summary>
    private readonly List<ulong> _taken = new();

    public async Task<Outcome<SpawnedChild>> SpawnAsync(SpawnRequest request)
    {
        List<ulong> taken = _taken;
        taken.Clear();
        Outcome<SpawnedChild> built = await BuildAsync(request, taken);
        if (!built.Failed) return built;
        await TearDownAsync(request.ProcessUntypedCptr, taken);
        return new Failure($"spawning {request.Name}: {built.Failure.Message}");
    }

    /// <summary>Revokes everything retyped for the child and deletes what was derived for it; the process untyped
    /// itself stays, ready for a restart.</summary>
    public async Task TearDownAsync(SpawnedChild child) => await TearDownAsync(child.ProcessUntypedCptr, child.OwnSlots);

    [AsyncMethodBuilder(typeof(CoroutineBuilder))]
    private async ValueTask TearDownAsync(ulong processUntyped, IReadOnlyList<ulong> taken)
    {
        await own.Sys.Syscall(Syscall.CapRevoke, own.CNodeCptr, processUntyped, own.Depth);
        foreach (ulong slot in taken)
        {
            await own.Sys.Syscall(Syscall.CapDelete, own.CNodeCptr, slot, own.Depth);
            own.Slots.Free(slot);
        }
    }

    /// <summary>The spawn's phases, in order: the ELF image, the process, its memory, its capabilities, its
    /// arguments page and memory budget, then the thread started.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<SpawnedChild>> BuildAsync(SpawnRequest request, List<ulong> taken)
    {
        Outcome<string> binary = CheckImage(request);
        if (binary.Failed) return binary.Failure;
        Outcome<ChildProcess> process = await CreateProcessAsync(request, taken);
        if (process.Failed) return process.Failure;
        ChildProcess child = process.Value;
        Outcome<ulong> ipcBuffer = await MapMemoryAsync(request, child.VSpace, taken);
        if (ipcBuffer.Failed) return ipcBuffer.Failure;
        Outcome<ulong> statePage = request.StatePage is null ? 0UL
            : await NewPageAsync(request.ProcessUntypedCptr, child.VSpace, ArgsLayout.StatePageVirtAddr, VmRights.Read | VmRights.Write, new ArraySegment<byte>(request.StatePage), taken, "state page");
        if (statePage.Failed) return statePage.Failure;
        var slots = new ChildSlots(request.Entries);
        Outcome step = await GrantCapabilitiesAsync(request, child, slots, taken);
        if (step.Failed) return step.Failure;
        step = await WriteArgumentsAsync(request, binary.Value, child, slots, taken);
        if (step.Failed) return step.Failure;
        step = await StartThreadAsync(request, child, ipcBuffer.Value, taken);
        if (step.Failed) return step.Failure;
        return new SpawnedChild(request.ProcessUntypedCptr, child.Tcb, taken.ToArray(), statePage.Value);
    }

    /// <summary>The child's TCB, CNode and VSpace (PROCESS_CREATE puts them in three consecutive slots of ours).</summary>
    private readonly struct ChildProcess(ulong tcb)
    {
        public ulong Tcb { get; } = tcb;
        public ulong CNode => Tcb + 1;
        public ulong VSpace => Tcb + 2;
    }

    /// <summary>The child's CSpace as it is filled: the argument entries so far, its next free slot, and the slot and
    /// size its memory budget will take (0: none).</summary>
    private sealed class ChildSlots(IEnumerable<ArgEntry> entries)
    {
        public List<ArgEntry> Entries { get; } = new(entries);
        public ulong Next { get; set; } = 1;
        public ulong BudgetSlot { get; set; }
        public int BudgetBits { get; set; }
    }

    /// <summary>PROCESS_CREATE, and the child's maximum controlled priority lowered unless it may create processes.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<ChildProcess>> CreateProcessAsync(SpawnRequest request, List<ulong> taken)
    {
        Sys sys = own.Sys;
        Outcome<ulong> first = own.TakeSlots(3, "process create");
        if (first.Failed) return first.Failure;
        var child = new ChildProcess(first.Value);
        taken.Add(child.Tcb);
        taken.Add(child.CNode);
        taken.Add(child.VSpace);
        Outcome step = await own.Check(sys.Syscall(Syscall.ProcessCreate, request.ProcessUntypedCptr, child.Tcb, (ulong)request.CNodeRadix, request.Priority), "process create");
        if (step.Failed) return step.Failure;
        if (!request.MayCreateProcesses)
        {
            step = await own.Check(sys.Syscall(Syscall.TcbSetMaxControlledPriority, child.Tcb, 0), "lower the maximum controlled priority");
            if (step.Failed) return step.Failure;
        }
        return child;
    }

    /// <summary>The child's address space: its segments, stack, IPC buffer (its frame's slot is returned), data
    /// regions, zeroed pages, and the frames the request maps into it.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<ulong>> MapMemoryAsync(SpawnRequest request, ulong vspace, List<ulong> taken)
    {
        ulong untyped = request.ProcessUntypedCptr;
        for (int index = 0; index < _elf.SegmentCount; index++)
        {
            Outcome loaded = await LoadSegmentAsync(request, _elf.Segment(index), vspace, taken);
            if (loaded.Failed) return loaded.Failure;
        }
        for (int page = 0; page < ArgsLayout.StackPages; page++)
        {
            Outcome<ulong> stack = await NewPageAsync(untyped, vspace, ArgsLayout.StackBaseVirtAddr + (ulong)page * PageBytes, VmRights.Read | VmRights.Write, null, taken, "stack");
            if (stack.Failed) return stack.Failure;
        }
        Outcome<ulong> ipcBuffer = await NewPageAsync(untyped, vspace, ArgsLayout.IpcBufferVirtAddr, VmRights.Read | VmRights.Write, null, taken, "IPC buffer");
        if (ipcBuffer.Failed) return ipcBuffer.Failure;
        foreach ((ulong virtAddr, byte[] bytes) in request.DataRegions)
        {
            for (int offset = 0; offset < bytes.Length; offset += (int)PageBytes)
            {
                Outcome<ulong> data = await NewPageAsync(untyped, vspace, virtAddr + (ulong)offset, VmRights.Read,
                    new ArraySegment<byte>(bytes, offset, Math.Min((int)PageBytes, bytes.Length - offset)), taken, "data region");
                if (data.Failed) return data.Failure;
            }
        }
        foreach (ulong virtAddr in request.ZeroedPages)
        {
            Outcome<ulong> zeroed = await NewPageAsync(untyped, vspace, virtAddr, VmRights.Read | VmRights.Write, null, taken, "zeroed page");
            if (zeroed.Failed) return zeroed.Failure;
        }
        foreach (ChildMapping mapping in request.Mappings)
        {
            Outcome<ulong> copy = await own.DeriveAsync(mapping.FrameCptr, CapRights.All, 0, "copy a frame to map");
            if (copy.Failed) return copy.Failure;
            taken.Add(copy.Value);
            Outcome step = await own.Check(own.Sys.Syscall(Syscall.MemoryMapInto, vspace, copy.Value, mapping.VirtAddr, (ulong)mapping.Rights), new SpawnStep("frame", "map at", mapping.VirtAddr));
            if (step.Failed) return step.Failure;
        }
        return ipcBuffer;
    }

    /// <summary>The child's capabilities, in its slot order: the supervisor endpoint, its own CNode, (the memory
    /// budget's slot, filled last), the bound notification, then the grants; each with its argument entry.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> GrantCapabilitiesAsync(SpawnRequest request, ChildProcess child, ChildSlots slots, List<ulong> taken)
    {
        Sys sys = own.Sys;
        ulong tcb = child.Tcb;
        Outcome step;
        if (request.SupervisorCptr != 0)
        {
            slots.Entries.Add(new ArgEntry(ArgKind.Supervisor, 0, "", slots.Next, 0, 0, 0));
            step = await InsertAsync(tcb, request.SupervisorCptr, CapRights.Write | CapRights.GrantReply, 0, slots.Next++, taken, "supervisor endpoint");
            if (step.Failed) return step;
        }
        ulong ownCNodeChildSlot = slots.Next++;
        step = await InsertAsync(tcb, child.CNode, CapRights.All, 0, ownCNodeChildSlot, taken, "its own CNode");
        if (step.Failed) return step;
        slots.Entries.Add(new ArgEntry(ArgKind.OwnCNode, 0, "", ownCNodeChildSlot, (ulong)request.CNodeRadix, 0, 0));
        // The budget is retyped last: it is the one large aligned object, and everything else fits below it.
        slots.BudgetBits = SizeBits(request.MemoryBudgetBytes);
        slots.BudgetSlot = request.MemoryBudgetBytes == 0 ? 0 : slots.Next++;
        if (slots.BudgetSlot != 0) slots.Entries.Add(new ArgEntry(ArgKind.Untyped, 0, "", slots.BudgetSlot, (ulong)slots.BudgetBits, 0, 0));
        if (request.BoundNotificationCptr != 0)
        {
            step = await own.Check(sys.Syscall(Syscall.TcbBindNotification, tcb, request.BoundNotificationCptr), "bind its notification");
            if (step.Failed) return step;
            slots.Entries.Add(new ArgEntry(ArgKind.BoundNotification, 0, "", slots.Next, 0, 0, 0));
            // Read and Write: a supervisor hands Write copies of its own notification to those that wake it.
            step = await InsertAsync(tcb, request.BoundNotificationCptr, CapRights.Read | CapRights.Write, 0, slots.Next++, taken, "bound notification");
            if (step.Failed) return step;
        }
        foreach (ChildGrant grant in request.Grants)
        {
            step = await GrantAsync(request, child, grant, slots, taken);
            if (step.Failed) return step;
        }
        return Outcome.Done;
    }

    /// <summary>One grant moved or inserted into the child's next slot (with its second capability when it has one).</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> GrantAsync(SpawnRequest request, ChildProcess child, ChildGrant grant, ChildSlots slots, List<ulong> taken)
    {
        ulong cptr = slots.Next++;
        Outcome step = grant.Move
            ? await own.Check(own.Sys.Syscall(Syscall.CapMove, child.CNode, cptr, (ulong)request.CNodeRadix, own.CNodeCptr, grant.SourceCptr, own.Depth), new SpawnStep(grant.Entry.Kind.Name(), grant.Entry.Name, "move into slot", cptr))
            : await InsertAsync(child.Tcb, grant.SourceCptr, grant.Rights, grant.Badge, cptr, taken, grant.Entry.Kind.Name(), grant.Entry.Name);
        if (step.Failed) return step;
        ulong second = grant.Entry.A;
        if (grant.SecondSourceCptr != 0)
        {
            second = slots.Next++;
            step = await InsertAsync(child.Tcb, grant.SecondSourceCptr, grant.SecondRights, grant.SecondBadge, second, taken, grant.Entry.Kind.Name(), grant.Entry.Name);
            if (step.Failed) return step;
        }
        slots.Entries.Add(grant.Entry with { Cptr = cptr, A = second });
        return Outcome.Done;
    }

    /// <summary>The arguments page (every entry, the binary's last: <paramref name="binary"/>, the code the image holds) and
    /// the memory budget retyped into its slot.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> WriteArgumentsAsync(SpawnRequest request, string binary, ChildProcess child, ChildSlots slots, List<ulong> taken)
    {
        List<ArgEntry> entries = slots.Entries;
        entries.Add(new ArgEntry(ArgKind.Binary, 0, binary, 0, 0, 0, 0));
        if (entries.Count > ArgsLayout.MaxEntries) return new Failure($"{entries.Count} argument entries (at most {ArgsLayout.MaxEntries})");
        if (slots.Next > (1UL << request.CNodeRadix)) return new Failure($"{slots.Next - 1} capabilities do not fit a CNode of radix {request.CNodeRadix}");

        Array.Clear(_page);
        ArgsLayout.WriteHeader(_page, request.Name, (uint)entries.Count, request.Instance, request.Priority);
        for (int index = 0; index < entries.Count; index++) ArgsLayout.WriteEntry(_page, index, entries[index]);
        Outcome<ulong> argsPage = await NewPageAsync(request.ProcessUntypedCptr, child.VSpace, ArgsLayout.ArgsVirtAddr, VmRights.Read, new ArraySegment<byte>(_page), taken, "arguments page");
        if (argsPage.Failed) return argsPage.Failure;
        if (slots.BudgetSlot == 0) return Outcome.Done;
        Outcome<ulong> budget = await own.RetypeAsync(request.ProcessUntypedCptr, ObjectType.Untyped, slots.BudgetBits, "memory budget");
        if (budget.Failed) return budget.Failure;
        taken.Add(budget.Value);
        return await InsertAsync(child.Tcb, budget.Value, CapRights.All, 0, slots.BudgetSlot, taken, "memory budget");
    }

    /// <summary>TCB_CONFIGURE with a guarded CSpace root, TCB_WRITE_REGISTERS (pc, sp, x0 = arguments page), TCB_SET_AFFINITY
    /// (the record's core), TCB_RESUME.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> StartThreadAsync(SpawnRequest request, ChildProcess child, ulong ipcBuffer, List<ulong> taken)
    {
        Sys sys = own.Sys;
        // The CSpace root gets a guard that makes a cptr simply its slot number (a 64-bit lookup through a radix-r
        // CNode needs 64 - r guard bits), as PROCESS_CREATE set it; TCB_CONFIGURE takes the root as the cap it is given.
        Outcome<ulong> guardedRoot = await own.DeriveAsync(child.CNode, CapRights.All, CapData.CNodeGuard(0, ObjectSizes.WordBits - request.CNodeRadix), "guard the CSpace root");
        if (guardedRoot.Failed) return guardedRoot.Failure;
        taken.Add(guardedRoot.Value);
        Outcome step = await own.Check(sys.Syscall(Syscall.TcbConfigure, child.Tcb, request.SupervisorCptr == 0 ? 0 : 1UL, guardedRoot.Value, child.VSpace, ArgsLayout.IpcBufferVirtAddr, ipcBuffer), "configure the TCB");
        if (step.Failed) return step;
        step = await own.Check(sys.Syscall(Syscall.TcbWriteRegisters, child.Tcb, _elf.Entry, ArgsLayout.StackTopVirtAddr, ArgsLayout.ArgsVirtAddr), "write its registers");
        if (step.Failed) return step;
        // A new thread's core is 0 (the boot core): only a record that places it elsewhere costs a syscall, so a
        // one-core system spawns exactly as before cores could be chosen. A core the machine does not have is refused
        // here (RangeError, CoreOutOfRange): a failed spawn, handled as any other.
        uint core = request.Record?.Core ?? 0;
        if (core != 0)
        {
            step = await own.Check(sys.Syscall(Syscall.TcbSetAffinity, child.Tcb, core), $"place it on core {core}");
            if (step.Failed) return step;
        }
        return await own.Check(sys.Syscall(Syscall.TcbResume, child.Tcb), "resume it");
    }

    /// <summary>The loader's checks before anything is created: with a registry record, the image's metadata section
    /// must fit it (<see cref="ComponentImage.Check"/>); without one, the ELF rules alone. Fills <see cref="_elf"/>.
    /// Returns the binary the child runs: the metadata's (a new version's image runs its own code in the place of the
    /// binary it replaces; on the CPU every image holds every binary's code and this entry picks one), or without a
    /// record the request's.</summary>
    private Outcome<string> CheckImage(SpawnRequest request)
    {
        if (request.Record is { } record)
        {
            Outcome<ComponentMetadata> check = ComponentImage.Check(request.Image, record, _elf);
            return check.Failed ? check.Failure : check.Value.Binary;
        }
        ElfProblem problem = ElfReader.Read(request.Image.Array!, request.Image.Offset, request.Image.Count, _elf);
        if (!problem.IsOk) return new Failure($"ELF image: {problem.Error.Name()} at {problem.Field.Name()} = 0x{problem.Value:X}" + (problem.ProgramHeader >= 0 ? $" (program header {problem.ProgramHeader})" : ""));
        return request.Binary;
    }

    /// <summary>Every page the segment covers gets a frame; the file bytes are written into the frames through the
    /// scratch mapping one page at a time (a page past the file bytes, .bss, stays the zeroed frame it is), then the
    /// frame is mapped in the child with the segment's rights. One page of spawner memory per segment, whatever
    /// its size: an image with a large .bss (the EL0 busybox's heap) costs the spawner no heap.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> LoadSegmentAsync(SpawnRequest request, ElfSegment segment, ulong vspace, List<ulong> taken)
    {
        ulong start = segment.VirtAddr & ~(PageBytes - 1);
        ulong end = (segment.End + PageBytes - 1) & ~(PageBytes - 1);
        ulong fileEnd = segment.VirtAddr + segment.FileSize;
        VmRights rights = (segment.Readable ? VmRights.Read : 0) | (segment.Writable ? VmRights.Write : 0) | (segment.Executable ? VmRights.Execute : 0);
        byte[] page = _page;
        string what = $"segment {segment.ProgramHeader}";
        for (ulong pageVirtAddr = start; pageVirtAddr < end; pageVirtAddr += PageBytes)
        {
            ArraySegment<byte>? content = null;
            if (pageVirtAddr < fileEnd)
            {
                // ElfReader checked FileOffset + FileSize against the image, so these bounds are inside it.
                ulong from = Math.Max(pageVirtAddr, segment.VirtAddr);
                ulong to = Math.Min(pageVirtAddr + PageBytes, fileEnd);
                Array.Clear(page);
                request.Image.AsSpan().Slice((int)(segment.FileOffset + (from - segment.VirtAddr)), (int)(to - from)).CopyTo(page.AsSpan((int)(from - pageVirtAddr)));
                content = new ArraySegment<byte>(page);
            }
            Outcome<ulong> loaded = await NewPageAsync(request.ProcessUntypedCptr, vspace, pageVirtAddr, rights, content, taken, what);
            if (loaded.Failed) return loaded.Failure;
        }
        return Outcome.Done;
    }

    /// <summary>Bytes of memory the PT_LOAD segments of <paramref name="image"/> occupy once loaded (each rounded out to
    /// whole pages, .bss included): what a process untyped must hold for them. The file size for an image that is
    /// not a valid ELF (its spawn then fails with the ELF problem).</summary>
    public static ulong LoadedBytes(ArraySegment<byte> image)
    {
        var elf = new ElfImage();
        if (!ElfReader.Read(image.Array!, image.Offset, image.Count, elf).IsOk) return (ulong)image.Count;
        ulong total = 0;
        for (int index = 0; index < elf.SegmentCount; index++)
        {
            ElfSegment segment = elf.Segment(index);
            total += ((segment.End + PageBytes - 1) & ~(PageBytes - 1)) - (segment.VirtAddr & ~(PageBytes - 1));
        }
        return total;
    }

    /// <summary>A fresh (zeroed) frame from the process untyped, filled with <paramref name="content"/> if given,
    /// mapped into the child at <paramref name="virtAddr"/>; returns its slot.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome<ulong>> NewPageAsync(ulong untyped, ulong vspace, ulong virtAddr, VmRights rights, ArraySegment<byte>? content, List<ulong> taken, string what)
    {
        Sys sys = own.Sys;
        Outcome<ulong> frame = own.TakeSlot(what);
        if (frame.Failed) return frame;
        taken.Add(frame.Value);
        Outcome step = await own.Check(sys.Syscall(Syscall.MemoryAllocate, untyped, ObjectSizes.PageBits, frame.Value), new SpawnStep(what, "allocate a frame"));
        if (step.Failed) return step.Failure;
        if (content is { } bytes && !IsAllZero(bytes))
        {
            step = await FillAsync(frame.Value, bytes, what);
            if (step.Failed) return step.Failure;
        }
        step = await own.Check(sys.Syscall(Syscall.MemoryMapInto, vspace, frame.Value, virtAddr, (ulong)rights), new SpawnStep(what, "map at", virtAddr));
        return step.Failed ? step.Failure : frame;
    }

    /// <summary>Writes <paramref name="bytes"/> into <paramref name="frame"/> through a copy mapped at the scratch address.</summary>
    private ValueTask<Outcome> FillAsync(ulong frame, ArraySegment<byte> bytes, string what) => CopyThroughScratchAsync(frame, bytes, fill: true, what);

    /// <summary>What a running child's state page holds (<see cref="StatePage"/>), copied into <paramref name="page"/>
    /// (a whole page): read before the child is torn down, which frees the frame.</summary>
    public async Task<Outcome> ReadStatePageAsync(SpawnedChild child, byte[] page)
    {
        if (child.StatePageCptr == 0) return new Failure("it has no state page");
        return await CopyThroughScratchAsync(child.StatePageCptr, new ArraySegment<byte>(page), fill: false, "state page");
    }

    /// <summary>Copies between <paramref name="bytes"/> and <paramref name="frame"/> (into the frame with
    /// <paramref name="fill"/>, out of it without) through a copy of it mapped at the scratch address.</summary>
    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> CopyThroughScratchAsync(ulong frame, ArraySegment<byte> bytes, bool fill, string what)
    {
        Sys sys = own.Sys;
        Outcome<ulong> scratch = await own.DeriveAsync(frame, CapRights.All, 0, new SpawnStep(what, "copy the frame for filling"));
        if (scratch.Failed) return scratch.Failure;
        Outcome step = await own.Check(sys.Syscall(Syscall.MemoryMap, scratch.Value, ArgsLayout.ScratchVirtAddr, (ulong)(VmRights.Read | VmRights.Write)), new SpawnStep(what, "map for filling"));
        if (step.Failed) return step;
        if (fill) sys.WritePrivate(ArgsLayout.ScratchVirtAddr, bytes);
        else sys.ReadPrivate(ArgsLayout.ScratchVirtAddr, new Span<byte>(bytes.Array!, bytes.Offset, bytes.Count));
        step = await own.Check(sys.Syscall(Syscall.MemoryUnmap, scratch.Value), new SpawnStep(what, "unmap after filling"));
        if (step.Failed) return step;
        return await own.DeleteAsync(scratch.Value, new SpawnStep(what, "drop the filling copy"));
    }

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private async ValueTask<Outcome> InsertAsync(ulong tcb, ulong source, CapRights rights, ulong badge, ulong childSlot, List<ulong> taken, string what, string name = "")
    {
        ulong from = source;
        if (badge != 0)
        {
            Outcome<ulong> badged = await own.DeriveAsync(source, rights, badge, new SpawnStep(what, name, "badge", badge));
            if (badged.Failed) return badged.Failure;
            from = badged.Value;
            taken.Add(from);
        }
        return await own.Check(own.Sys.Syscall(Syscall.CapInsertInto, tcb, from, childSlot, (ulong)rights), new SpawnStep(what, name, "insert into slot", childSlot));
    }

    private static bool IsAllZero(ArraySegment<byte> bytes)
    {
        foreach (byte value in bytes)
        {
            if (value != 0) return false;
        }
        return true;
    }

    /// <summary>The power of two at or above <paramref name="bytes"/>, in bits (at least a page).</summary>
    public static int SizeBits(ulong bytes)
    {
        int bits = ObjectSizes.PageBits;
        while ((1UL << bits) < bytes) bits++;
        return bits;
    }
}
