using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// Boot/vectors.S el0_svc dispatches on the syscall number before it calls into the Model: Poll to its own export,
/// the numbers in <see cref="Kaal.Model.Kernel.FastPathSyscalls"/> to the other fast paths, every other number
/// straight to the general path. A stale copy there would not be wrong (the Model checks every number itself),
/// only slow: a fast path never tried. So the assembler's constants must equal the Model's.
/// </summary>
public sealed class SyscallFastEntryContractTests
{
    [Fact]
    public void Vectors_fast_syscall_numbers_equal_the_models()
    {
        Assert.Equal(Kaal.Model.Kernel.FastPathSyscalls, Equ("FAST_SYSCALL_NUMBERS"));
    }

    [Fact]
    public void Vectors_poll_number_equals_the_models()
    {
        Assert.Equal((ulong)Kaal.Model.Syscall.Poll, Equ("SYSCALL_POLL"));
        Assert.NotEqual(0UL, Kaal.Model.Kernel.FastPathSyscalls & (1UL << (int)Kaal.Model.Syscall.Poll));
    }

    private static ulong Equ(string name)
    {
        string source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Kaal.Kernel.Arm64", "Boot", "vectors.S"));
        Match match = Regex.Match(source, @"^\s*\.equ\s+" + name + @",\s*0x([0-9A-Fa-f]+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $".equ {name} (hexadecimal) not found in vectors.S");
        return ulong.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
