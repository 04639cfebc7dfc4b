using System;

namespace Kaal.Sdk;

/// <summary>A private memory access hit an address the component has no mapping for: the data abort the machine
/// would raise. The simulator turns it into the kernel's fault path (the supervisor hears of it).</summary>
public sealed class MemoryFaultException(string component, ulong virtAddr, bool isWrite)
    : Exception($"{component}: {(isWrite ? "write to" : "read from")} 0x{virtAddr:X}, which is not mapped {(isWrite ? "writable" : "readable")}")
{
    public ulong VirtAddr { get; } = virtAddr;

    public bool IsWrite { get; } = isWrite;
}
