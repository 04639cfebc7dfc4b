using System;
using System.Collections.Generic;
using Kaal.Model;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Xunit;

namespace Kaal.Sdk.Tests;

/// <summary>The reflection-free enum names (the EL0 image prints through them; generated from the enums by
/// Kaal.Sdk.Analyzers' EnumNamesGenerator, whose own tests show a new member named without any edit) write every value
/// exactly as the simulator's ToString() does, so the simulator's console lines are unchanged and the CPU's equal
/// them.</summary>
public sealed class EnumNamesTests
{
    [Fact]
    public void Every_kernel_error_is_named_as_ToString_names_it() => AssertAllNamed<KernelError>(EnumNames.Name);

    [Fact]
    public void Every_error_reason_is_named_as_ToString_names_it() => AssertAllNamed<ErrorReason>(EnumNames.Name);

    [Fact]
    public void Every_fault_kind_is_named_as_ToString_names_it() => AssertAllNamed<FaultKind>(EnumNames.Name);

    [Fact]
    public void Every_elf_error_is_named_as_ToString_names_it() => AssertAllNamed<ElfError>(EnumNames.Name);

    [Fact]
    public void Every_elf_field_is_named_as_ToString_names_it() => AssertAllNamed<ElfField>(EnumNames.Name);

    [Fact]
    public void Every_argument_kind_is_named_as_ToString_names_it() => AssertAllNamed<ArgKind>(EnumNames.Name);

    [Fact]
    public void Every_grant_kind_is_named_as_ToString_names_it() => AssertAllNamed<GrantKind>(EnumNames.Name);

    [Fact]
    public void Every_ipc_end_is_named_by_its_manifest_role()
    {
        foreach (IpcEnd end in Enum.GetValues<IpcEnd>())
        {
            Assert.Equal(end.ToString().ToLowerInvariant(), end.ManifestRole());
        }
    }

    [Fact]
    public void A_value_outside_the_enum_is_written_as_its_number()
    {
        Assert.Equal("200", ((KernelError)200).Name());
        Assert.Equal("99", ((ArgKind)99).Name());
        Assert.Equal("7", ((IpcEnd)7).ManifestRole());
    }

    private static void AssertAllNamed<T>(Func<T, string> name) where T : struct, Enum
    {
        var unnamed = new List<string>();
        foreach (T value in Enum.GetValues<T>())
        {
            if (name(value) != value.ToString()) unnamed.Add($"{value} -> {name(value)}");
        }
        Assert.Empty(unnamed);
    }
}
