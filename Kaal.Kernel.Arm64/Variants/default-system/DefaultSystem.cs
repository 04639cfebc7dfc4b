using Kaal.Sdk.Boot;
using Kaal.Kernel.Arm64.Port;
using Kaal.Model;
using Kaal.Sdk.Elf;

namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Variant "default-system": the root task is loaded from the user ELF embedded with the manifest's registry
/// (system_images.S) and entered at EL0 as the contract in docs/el0-components.md says. Everything is set up with
/// the root task's own syscalls (<see cref="RootTaskSyscalls"/>), so the Model's VSpace knows every mapping:
/// - each PT_LOAD in zeroed frames at p_vaddr with the rights of p_flags (<see cref="RootImageRules"/>), file
///   bytes copied, the rest (.bss) left zero;
/// - the registry read-only at <see cref="BootInfoLayout.RegistryVirtAddr"/>, its frames in consecutive slots (the boot
///   information page names the first: the root task shares them with system_init), and a zeroed read/write page
///   below it, where the root task's runtime writes the header that makes the mapped registry a byte[];
/// - the image store (new component versions for system_init's loader, docs/hot-reload.md), if the system has one,
///   read-only at <see cref="BootInfoLayout.ImageStoreVirtAddr"/> with a zeroed read/write page below it, likewise;
/// - the stack at <see cref="RootImageRules.StackBaseVirtAddr"/>..<see cref="RootImageRules.StackTopVirtAddr"/>;
/// - the boot information page read-only at <see cref="BootInfoLayout.VirtAddr"/>, written last so its first empty
///   slot comes after every slot the set-up used;
/// then pc = e_entry, sp = the stack top, x0 = the boot information page, at EL0.
/// The frames come from a RAM untyped other than the largest: the root task's TCB and VSpace came from the largest,
/// and the root task retypes system_init's self-aligned process untyped from it, which a few pages taken first
/// would push past its end.
/// </summary>
internal static unsafe partial class VariantUserSpace
{
    /// <summary>system_images.S's header, in words: where the ELF, the registry and the image store lie (relative to the
    /// header) and their sizes.</summary>
    private const int ElfOffsetWord = 0;
    private const int ElfBytesWord = 1;
    private const int RegistryOffsetWord = 2;
    private const int RegistryBytesWord = 3;
    private const int StoreOffsetWord = 4;
    private const int StoreBytesWord = 5;
    private const ulong HeaderBytes = 6 * 8;

    static partial void Start(BootLayout* layout)
    {
        UserSpace.Initialize();
        ResidentKernel.CreateRootThread();
        Kaal.Model.Kernel kernel = ResidentKernel.Instance;
        var calls = new RootTaskSyscalls(kernel);

        ulong blobs = layout->UserImageStartAddress;
        ulong blobsBytes = layout->UserImageEndAddress - blobs;
        ulong elfAddress = BlobAddress(blobs, blobsBytes, ElfOffsetWord, ElfBytesWord);
        ulong elfBytes = ((ulong*)blobs)[ElfBytesWord];
        ulong registryAddress = BlobAddress(blobs, blobsBytes, RegistryOffsetWord, RegistryBytesWord);
        ulong registryBytes = ((ulong*)blobs)[RegistryBytesWord];
        ulong storeAddress = BlobAddress(blobs, blobsBytes, StoreOffsetWord, StoreBytesWord);
        ulong storeBytes = ((ulong*)blobs)[StoreBytesWord];

        ElfImage elf = ValidatedElf(elfAddress, elfBytes, registryBytes, storeBytes);
        ulong untyped = SetupUntyped(kernel);
        ulong nextSlot = kernel.BootInfo.FirstEmptySlot;
        for (int index = 0; index < elf.SegmentCount; index++)
        {
            ElfSegment segment = elf.Segment(index);
            nextSlot = MapFilled(calls, untyped, nextSlot, segment.VirtAddr, elfAddress + segment.FileOffset, segment.FileSize,
                segment.MemSize, RootImageRules.RightsOf(segment));
        }
        nextSlot = MapFilled(calls, untyped, nextSlot, BootInfoLayout.RegistryHeaderPageVirtAddr, 0, 0, RootImageRules.PageBytes, VmRights.Read | VmRights.Write);
        ulong registryFirstFrame = nextSlot;
        nextSlot = MapFilled(calls, untyped, nextSlot, BootInfoLayout.RegistryVirtAddr, registryAddress, registryBytes, registryBytes, VmRights.Read);
        if (storeBytes > 0)
        {
            nextSlot = MapFilled(calls, untyped, nextSlot, BootInfoLayout.ImageStoreVirtAddr - RootImageRules.PageBytes, 0, 0, RootImageRules.PageBytes, VmRights.Read | VmRights.Write);
            nextSlot = MapFilled(calls, untyped, nextSlot, BootInfoLayout.ImageStoreVirtAddr, storeAddress, storeBytes, storeBytes, VmRights.Read);
        }
        nextSlot = MapFilled(calls, untyped, nextSlot, RootImageRules.StackBaseVirtAddr, 0, 0,
            RootImageRules.StackTopVirtAddr - RootImageRules.StackBaseVirtAddr, VmRights.Read | VmRights.Write);
        ulong bootInfoSlot = nextSlot++;
        ulong bootInfoFrame = RootTaskFrames.AllocateZeroed(calls, untyped, bootInfoSlot);
        WriteBootInfo(kernel, (byte*)bootInfoFrame, nextSlot, registryBytes, registryFirstFrame, storeBytes);
        calls.Invoke(Syscall.MemoryMap, bootInfoSlot, BootInfoLayout.VirtAddr, (ulong)VmRights.Read);
        // Written into the Model's register block directly, not by TCB_WRITE_REGISTERS: the set-up's syscalls run as
        // the root thread itself, so that syscall's own status would land in x0 after it set it.
        uint root = kernel.BootInfo.RootThread;
        kernel.Register(root, UserContext.Pc) = elf.Entry;
        kernel.Register(root, UserContext.Sp) = RootImageRules.StackTopVirtAddr;
        kernel.Register(root, UserContext.X0) = BootInfoLayout.VirtAddr;

        // The last kernel line until a panic or an unhandled fault: from here on the console belongs to user space.
        KernelConsole.Write("default-system: root task at ");
        KernelConsole.WriteHex(elf.Entry);
        KernelConsole.Write(", ");
        KernelConsole.WriteDecimal((ulong)elf.SegmentCount);
        KernelConsole.Write(" segments, registry ");
        KernelConsole.WriteDecimal(registryBytes);
        KernelConsole.Write(" bytes, image store ");
        KernelConsole.WriteDecimal(storeBytes);
        KernelConsole.Write(" bytes, set-up slots up to ");
        KernelConsole.WriteDecimal(nextSlot);
        KernelConsole.WriteLine("; entering EL0");
        UserSpace.Enter();
    }

    /// <summary>The address of a blob the header describes, after checking it lies inside the embedded section.</summary>
    private static ulong BlobAddress(ulong blobs, ulong blobsBytes, int offsetWord, int bytesWord)
    {
        ulong offset = ((ulong*)blobs)[offsetWord];
        ulong bytes = ((ulong*)blobs)[bytesWord];
        if (blobsBytes < HeaderBytes || offset < HeaderBytes || offset > blobsBytes || bytes > blobsBytes - offset)
        {
            KernelPanic.HaltWithValue("default-system: embedded blob outside the .user section; offset", offset);
        }
        return blobs + offset;
    }

    /// <summary>The user ELF read by the SDK's portable reader (from a heap copy: it reads a byte array) and checked
    /// against the kernel's own rules; a refusal panics naming the field and its value.</summary>
    private static ElfImage ValidatedElf(ulong elfAddress, ulong elfBytes, ulong registryBytes, ulong storeBytes)
    {
        if (elfBytes > int.MaxValue)
        {
            KernelPanic.HaltWithValue("default-system: user ELF too large; bytes", elfBytes);
        }
        var bytes = new byte[(int)elfBytes];
        RootTaskFrames.CopyInto(bytes, elfAddress);
        var elf = new ElfImage();
        ElfProblem problem = ElfReader.Read(bytes, bytes.Length, elf);
        if (!problem.IsOk)
        {
            KernelConsole.Write("default-system: user ELF refused, ElfError ");
            KernelConsole.WriteDecimal((ulong)problem.Error);
            KernelConsole.Write(", program header ");
            KernelConsole.WriteDecimal(problem.ProgramHeader);
            KernelConsole.WriteLine();
            KernelPanic.HaltWithValue(FieldName(problem.Field), problem.Value);
        }
        RootImageProblem rule = RootImageRules.Check(elf, registryBytes, storeBytes);
        if (!rule.IsOk)
        {
            KernelConsole.Write("default-system: user ELF refused, program header ");
            KernelConsole.WriteDecimal(rule.ProgramHeader);
            KernelConsole.WriteLine();
            KernelPanic.HaltWithValue(RuleName(rule.Error), rule.Value);
        }
        return elf;
    }

    private static string FieldName(ElfField field) => field switch
    {
        ElfField.ImageLength => "user ELF: image length",
        ElfField.Magic => "user ELF: e_ident magic",
        ElfField.Class => "user ELF: e_ident[EI_CLASS] (not ELFCLASS64)",
        ElfField.Data => "user ELF: e_ident[EI_DATA] (not little-endian)",
        ElfField.IdentVersion => "user ELF: e_ident[EI_VERSION]",
        ElfField.Type => "user ELF: e_type (not ET_EXEC)",
        ElfField.Machine => "user ELF: e_machine (not EM_AARCH64)",
        ElfField.Version => "user ELF: e_version",
        ElfField.Entry => "user ELF: e_entry (not in an executable segment)",
        ElfField.PhOff => "user ELF: e_phoff (program headers outside the image)",
        ElfField.EhSize => "user ELF: e_ehsize",
        ElfField.PhEntSize => "user ELF: e_phentsize",
        ElfField.PhNum => "user ELF: e_phnum",
        ElfField.SegmentOffset => "user ELF: p_offset (segment outside the image)",
        ElfField.SegmentVirtAddr => "user ELF: p_vaddr",
        ElfField.SegmentFileSize => "user ELF: p_filesz",
        ElfField.SegmentMemSize => "user ELF: p_memsz",
        ElfField.SegmentAlign => "user ELF: p_align",
        _ => "user ELF: refused",
    };

    private static string RuleName(RootImageError error) => error switch
    {
        RootImageError.SegmentNotPageAligned => "user ELF: p_vaddr not page-aligned",
        RootImageError.WritableAndExecutable => "user ELF: p_flags writable and executable",
        RootImageError.BadSegmentFlags => "user ELF: p_flags not R, R+W or R+X",
        RootImageError.SegmentInFixedWindow => "user ELF: p_vaddr in the registry, image store, boot information or stack window",
        RootImageError.StoreTooLarge => "image store larger than its window; bytes",
        _ => "user ELF: registry larger than its window; bytes",
    };

    /// <summary>The largest RAM untyped but the largest one (see the class comment); panics if there is none.</summary>
    private static ulong SetupUntyped(Kaal.Model.Kernel kernel)
    {
        uint largest = kernel.LargestRamUntypedIndex();
        ulong best = CapSlot.None;
        int bestSizeBits = -1;
        for (uint index = 0; index < kernel.BootInfo.UntypedCount; index++)
        {
            uint slot = BootInfo.FirstUntypedSlot + index;
            ref readonly KernelObject region = ref kernel.Object(kernel.Slot(kernel.RootSlot(slot)).Cap.Object);
            if (slot != largest && !region.IsDevice && region.SizeBits > bestSizeBits)
            {
                best = slot;
                bestSizeBits = region.SizeBits;
            }
        }
        if (best == CapSlot.None)
        {
            KernelPanic.HaltWithValue("default-system: no RAM untyped besides the largest; untypeds", kernel.BootInfo.UntypedCount);
        }
        return best;
    }

    /// <summary>Zeroed frames for [<paramref name="virtAddr"/>, +<paramref name="memBytes"/>) (page-aligned start), the
    /// first <paramref name="fileBytes"/> copied from <paramref name="source"/>, mapped with <paramref name="rights"/>;
    /// returns the next free slot.</summary>
    private static ulong MapFilled(RootTaskSyscalls calls, ulong untyped, ulong nextSlot, ulong virtAddr, ulong source, ulong fileBytes,
        ulong memBytes, VmRights rights)
    {
        for (ulong offset = 0; offset < memBytes; offset += RootImageRules.PageBytes)
        {
            ulong frame = RootTaskFrames.AllocateZeroed(calls, untyped, nextSlot);
            if (offset < fileBytes)
            {
                RootTaskFrames.CopyInto(frame, source + offset, fileBytes - offset);
            }
            calls.Invoke(Syscall.MemoryMap, nextSlot++, virtAddr + offset, (ulong)rights);
        }
        return nextSlot;
    }

    /// <summary>The boot information page (<see cref="BootInfoLayout"/>), as Kaal.Sim's SystemScenario describes the same
    /// boot to the simulated root task: the root CNode (cptr, full-word depth, slot count, first empty slot), IrqControl,
    /// the registry, and every untyped capability the root task holds, in boot order.</summary>
    private static void WriteBootInfo(Kaal.Model.Kernel kernel, byte* page, ulong firstEmptySlot, ulong registryBytes, ulong registryFirstFrame, ulong storeBytes)
    {
        uint untypedCount = kernel.BootInfo.UntypedCount;
        if (untypedCount > BootInfoLayout.MaxUntypeds)
        {
            KernelPanic.HaltWithValue("default-system: more untypeds than the boot information page holds", untypedCount);
        }
        *(ulong*)page = BootInfoLayout.Magic;
        *(uint*)(page + BootInfoLayout.VersionOffset) = BootInfoLayout.Version;
        *(uint*)(page + BootInfoLayout.UntypedCountOffset) = untypedCount;
        *(ulong*)(page + BootInfoLayout.RootCNodeCptrOffset) = BootInfo.RootCNodeSlot;
        *(ulong*)(page + BootInfoLayout.RootCNodeDepthOffset) = ObjectSizes.WordBits;
        *(ulong*)(page + BootInfoLayout.RootCNodeSlotCountOffset) = kernel.BootInfo.RootCNodeSlotCount;
        *(ulong*)(page + BootInfoLayout.FirstEmptySlotOffset) = firstEmptySlot;
        *(ulong*)(page + BootInfoLayout.IrqControlCptrOffset) = BootInfo.IrqControlSlot;
        *(ulong*)(page + BootInfoLayout.RegistryVirtAddrOffset) = BootInfoLayout.RegistryVirtAddr;
        *(ulong*)(page + BootInfoLayout.RegistrySizeBytesOffset) = registryBytes;
        *(ulong*)(page + BootInfoLayout.RegistryFirstFrameCptrOffset) = registryFirstFrame;
        *(ulong*)(page + BootInfoLayout.ImageStoreVirtAddrOffset) = storeBytes == 0 ? 0 : BootInfoLayout.ImageStoreVirtAddr;
        *(ulong*)(page + BootInfoLayout.ImageStoreSizeBytesOffset) = storeBytes;
        for (uint index = 0; index < untypedCount; index++)
        {
            uint slot = BootInfo.FirstUntypedSlot + index;
            ref readonly KernelObject untyped = ref kernel.Object(kernel.Slot(kernel.RootSlot(slot)).Cap.Object);
            byte* entry = page + BootInfoLayout.HeaderBytes + index * BootInfoLayout.UntypedEntryBytes;
            *(ulong*)(entry + BootInfoLayout.UntypedCptrOffset) = slot;
            *(ulong*)(entry + BootInfoLayout.UntypedPhysAddrOffset) = untyped.PhysAddr;
            *(ulong*)(entry + BootInfoLayout.UntypedSizeBitsOffset) = (ulong)untyped.SizeBits;
            *(ulong*)(entry + BootInfoLayout.UntypedIsDeviceOffset) = untyped.IsDevice ? 1UL : 0UL;
        }
    }
}
