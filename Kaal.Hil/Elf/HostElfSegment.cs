namespace Kaal.Hil.Elf;

/// <summary>One program header as the file states it (p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align).</summary>
public sealed record HostElfSegment(uint Type, uint Flags, ulong FileOffset, ulong VirtAddr, ulong PhysAddr, ulong FileSize, ulong MemSize, ulong Align)
{
    public const uint Load = 1;

    public bool IsLoad => Type == Load;
}
