using System;
using System.Buffers.Binary;
using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Images;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;
using Kaal.Tests.Shared;
using Xunit;
using static Kaal.Sdk.Tests.Images.ComponentImages;

namespace Kaal.Sdk.Tests.Images;

/// <summary>The loader's checks on a component image from any byte source: ELF rules, the metadata section, and the
/// capabilities a registry record grants against those the binary expects. Each refusal names the offending value.</summary>
public sealed class ComponentImageTests
{
    private static string Refusal(byte[] image)
    {
        Outcome<ComponentMetadata> read = ComponentImage.Read(image, new ElfImage());
        Assert.True(read.Failed, "the image was accepted");
        return read.Failure.Message;
    }

    [Fact]
    public void Every_repository_component_round_trips_through_its_metadata_section()
    {
        foreach (var declared in TestBinaries.Repository.All)
        {
            var elf = new ElfImage();
            Outcome<ComponentMetadata> read = ComponentImage.Read(WithSection(ComponentMetadataWriter.Write(declared)), elf);
            Assert.False(read.Failed, read.Failed ? read.Failure.Message : "");
            Assert.Equal(declared.Binary, read.Value.Binary);
            Assert.Equal(declared.Type, read.Value.Type);
            Assert.Equal(declared.Version, read.Value.Version);
            Assert.Equal(declared.Expects.Select(expected => expected.Text), read.Value.Expects.Select(expected => expected.Text));
            Assert.Equal(declared.Expects.Select(expected => expected.ToGrant()), read.Value.Expects);
            Assert.Equal(0x400010UL, elf.Entry);
        }
    }

    [Fact]
    public void An_image_read_at_an_offset_in_a_larger_buffer_is_read_in_place()
    {
        byte[] image = Of("timer_driver");
        var buffer = new byte[image.Length + 100];
        image.CopyTo(buffer, 37);
        Outcome<ComponentMetadata> read = ComponentImage.Read(new ArraySegment<byte>(buffer, 37, image.Length), new ElfImage());
        Assert.Equal("timer_driver", read.Value.Binary);
    }

    [Theory]
    [InlineData(0, "TruncatedHeader at ImageLength = 0x0")]
    [InlineData(40, "TruncatedHeader at ImageLength = 0x28")]
    [InlineData(0x2100, "the section header table")]
    public void A_truncated_image_is_refused(int length, string expected)
    {
        byte[] image = Of("serial_driver");
        Assert.Contains(expected, Refusal(image.AsSpan(0, length).ToArray()));
    }

    [Fact]
    public void A_truncated_metadata_section_is_refused_at_its_size()
    {
        byte[] image = Of("serial_driver");
        int header = SectionAppender.HeaderAt(image, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(header + 32), 90);
        Assert.Contains("90 bytes, shorter than its 96-byte header", Refusal(image));
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(header + 32), 100);
        Assert.Contains("100 bytes, but 2 expected capabilities make 352", Refusal(image));
    }

    [Fact]
    public void An_image_for_another_machine_is_refused_naming_the_machine()
    {
        byte[] image = Of("serial_driver");
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), 62); // EM_X86_64
        Assert.Equal("not a loadable AArch64 executable: BadMachine at Machine = 0x3E", Refusal(image));
    }

    [Fact]
    public void An_image_without_the_metadata_section_is_refused_and_the_message_says_how_images_are_made()
    {
        Assert.StartsWith("metadata: the image has no section headers, so no .kaal.component section", Refusal(ElfBuilder.Standard().Build()));
        byte[] other = SectionAppender.Append(ElfBuilder.Standard().Build(), (".comment", new byte[] { 1 }));
        string message = Refusal(other);
        Assert.StartsWith("metadata: the image has no .kaal.component section", message);
        Assert.Contains("docs/component-images.md", message);
    }

    [Fact]
    public void A_damaged_section_header_table_is_refused_with_its_value()
    {
        byte[] image = Of("serial_driver");
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(40), ulong.MaxValue - 10);
        Assert.Contains("the section header table (e_shoff 0xFFFFFFFFFFFFFFF5, 4 entries) lies outside", Refusal(image));

        image = Of("serial_driver");
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(62), 9);
        Assert.Contains("e_shstrndx 9 names no section (there are 4)", Refusal(image));

        image = Of("serial_driver");
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(58), 40);
        Assert.Contains("e_shentsize is 40, not 64", Refusal(image));

        image = Of("serial_driver");
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(SectionAppender.HeaderAt(image, 2) + 24), 0x7FFF_FFFF_0000);
        Assert.Contains("section 2 (.kaal.component) (offset 0x7FFFFFFF0000, 352 bytes) lies outside", Refusal(image));

        image = Of("serial_driver");
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(SectionAppender.HeaderAt(image, 2) + 4), 8);
        Assert.Contains("has no bytes in the file (SHT_NOBITS)", Refusal(image));
    }

    [Fact]
    public void Two_metadata_sections_are_refused()
    {
        byte[] section = Metadata("serial_driver");
        byte[] image = SectionAppender.Append(ElfBuilder.Standard().Build(), (ComponentMetadataLayout.SectionName, section), (ComponentMetadataLayout.SectionName, section));
        Assert.Contains("sections 1 and 2 are both named .kaal.component", Refusal(image));
    }

    [Theory]
    [InlineData(0, 0x58, "magic 0x31504D434C414158, not 0x31504D434C41414B (\"KAALCMP1\")")]
    [InlineData(8, 3, "format version 3; this loader reads versions 1 and 2")]
    [InlineData(8, 2, "352 bytes, but 2 expected capabilities make 384 in format 2")]
    [InlineData(12, 7, "type 7 is not a component type")]
    [InlineData(16, 17, "17 expected capabilities, at most 16")]
    [InlineData(16, 1, "352 bytes, but 1 expected capabilities make 224 in format 1")]
    [InlineData(24, 0, "binary name: byte 1 is 0x65 (after the text's end")]
    [InlineData(24, (byte)'X', "binary name \"Xerial_driver\" is not a lower-case letter")]
    [InlineData(26, 0xC3, "binary name: byte 2 is 0xC3 (not printable ASCII)")]
    [InlineData(24 + 20, (byte)'z', "binary name: byte 20 is 0x7A (after the text's end, where only zeros may be)")]
    [InlineData(96, 0, "expected capability 0: kind 0 is not a capability kind")]
    [InlineData(96 + 1, 9, "expected capability 0: IPC role 9 is not a role")]
    [InlineData(96 + 2, 5, "expected capability 0: any-value flag 5 is neither 0 nor 1")]
    [InlineData(96 + 48, 0, "expected capability 0's text: byte 1 is 0x65 (after the text's end")]
    public void A_damaged_metadata_section_is_refused_naming_the_field(int offset, int value, string expected)
    {
        byte[] image = Of("serial_driver");
        image[MetadataOffset + offset] = (byte)value;
        string message = Refusal(image);
        Assert.StartsWith("metadata section .kaal.component: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void A_registry_record_that_grants_less_than_the_image_expects_is_refused_naming_the_capability()
    {
        byte[] image = Of("serial_driver");
        Grant[] full = [new Grant(GrantKind.MemoryMap, 0, "", 0x0900_0000, 0x1000), new Grant(GrantKind.Ipc, (uint)IpcEnd.Server, "console", 0, 0)];
        Assert.False(ComponentImage.Check(image, Record("serial", "serial_driver", ComponentKind.Driver, full), new ElfImage()).Failed);

        Outcome<ComponentMetadata> missing = ComponentImage.Check(image, Record("serial", "serial_driver", ComponentKind.Driver, full[..1]), new ElfImage());
        Assert.Equal("'serial' grants less than binary serial_driver expects: nothing in its capabilities grants \"ipc:console:server\" (the image's metadata section)", missing.Failure.Message);

        Grant[] wrongRole = [full[0], new Grant(GrantKind.Ipc, (uint)IpcEnd.Client, "console", 0, 0)];
        Assert.Contains("\"ipc:console:server\"", ComponentImage.Check(image, Record("serial", "serial_driver", ComponentKind.Driver, wrongRole), new ElfImage()).Failure.Message);
    }

    [Fact]
    public void A_registry_record_for_another_binary_or_type_is_refused()
    {
        byte[] image = Of("serial_driver");
        Assert.Equal("image of binary timer_driver: its metadata names binary serial_driver",
            ComponentImage.Check(image, Record("timer", "timer_driver", ComponentKind.Driver, []), new ElfImage()).Failure.Message);
        Assert.Equal("'serial' is a service in the manifest, but binary serial_driver's metadata says a driver",
            ComponentImage.Check(image, Record("serial", "serial_driver", ComponentKind.Service, []), new ElfImage()).Failure.Message);
        Assert.StartsWith("image of binary serial_driver: metadata: the image has no section headers",
            ComponentImage.Check(ElfBuilder.Standard().Build(), Record("serial", "serial_driver", ComponentKind.Driver, []), new ElfImage()).Failure.Message);
    }

    /// <summary>A new version (`Replaces =`, metadata format 2, docs/hot-reload.md) carries the binary it replaces; a record of
    /// that binary may run it (the loader puts it in that binary's place), a record of any other may not.</summary>
    [Fact]
    public void A_new_version_names_the_binary_it_replaces_and_a_record_of_that_binary_may_run_it()
    {
        DiscoveredComponent v2 = TestBinaries.Repository.Find("hot_reload_consumer_v2")!;
        byte[] section = ComponentMetadataWriter.Write(v2);
        Assert.Equal(ComponentMetadataLayout.FormatVersionWithReplaces, BinaryPrimitives.ReadUInt32LittleEndian(section.AsSpan(ComponentMetadataLayout.FormatVersionOffset)));
        Assert.Equal(ComponentMetadataLayout.SizeFor(1) + ComponentMetadataLayout.ReplacesBytes, section.Length);
        byte[] image = WithSection(section);
        Outcome<ComponentMetadata> read = ComponentImage.Read(image, new ElfImage());
        Assert.Equal(("hot_reload_consumer_v2", "hot_reload_consumer"), (read.Value.Binary, read.Value.Replaces));

        Grant[] numbers = [new Grant(GrantKind.Ipc, (uint)IpcEnd.Consumer, "numbers", 0, 0)];
        Outcome<ComponentMetadata> replacing = ComponentImage.Check(image, Record("consumer", "hot_reload_consumer", ComponentKind.Application, numbers), new ElfImage());
        Assert.False(replacing.Failed, replacing.Failed ? replacing.Failure.Message : "");
        Assert.Equal("image of binary ipc_consumer: its metadata names binary hot_reload_consumer_v2, a new version of hot_reload_consumer",
            ComponentImage.Check(image, Record("consumer", "ipc_consumer", ComponentKind.Application, numbers), new ElfImage()).Failure.Message);
        Assert.Empty(ComponentImage.Read(Of("serial_driver"), new ElfImage()).Value.Replaces);
    }

    [Theory]
    [InlineData(0, 0xC3, "replaced binary: byte 0 is 0xC3 (not printable ASCII)")]
    [InlineData(0, 0, "replaced binary: byte 1 is 0x6F (after the text's end")]
    [InlineData(0, (byte)'H', "replaced binary \"Hot_reload_consumer\" is not another binary's name")]
    public void A_damaged_replaced_binary_is_refused_naming_the_field(int offset, int value, string expected)
    {
        byte[] image = WithSection(ComponentMetadataWriter.Write(TestBinaries.Repository.Find("hot_reload_consumer_v2")!));
        image[MetadataOffset + ComponentMetadataLayout.SizeFor(1) + offset] = (byte)value;
        Assert.Contains(expected, Refusal(image));
    }

    [Fact]
    public void Mutants_of_a_component_image_are_read_or_refused_never_thrown_on()
    {
        byte[] valid = Of("ipc_consumer");
        int sectionTable = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid.AsSpan(40));
        var random = new Random(16);
        int accepted = 0;
        for (int mutant = 0; mutant < 5_000; mutant++)
        {
            byte[] image = (byte[])valid.Clone();
            int flips = 1 + random.Next(4);
            for (int flip = 0; flip < flips; flip++)
            {
                // The section header fields of the ELF header, the metadata section and the section header table.
                int at = random.Next(3) switch
                {
                    0 => 40 + random.Next(24),
                    1 => MetadataOffset + random.Next(ComponentMetadataLayout.SizeFor(1)),
                    _ => sectionTable + random.Next(valid.Length - sectionTable),
                };
                image[at] = random.Next(4) == 0 ? (byte)0xFF : (byte)random.Next(256);
            }
            if (random.Next(8) == 0) image = image.AsSpan(0, random.Next(image.Length)).ToArray();
            Outcome<ComponentMetadata> read = ComponentImage.Read(image, new ElfImage());
            if (read.Failed) continue;
            accepted++;
            Assert.Matches("^[a-z][a-z0-9_]*$", read.Value.Binary);
        }
        Assert.InRange(accepted, 1, 4_999);
    }

    internal static RegistryComponent Record(string name, string binary, ComponentKind kind, Grant[] grants) => new()
    {
        Index = 0, Name = name, Binary = binary, Kind = kind, Priority = 100, Autostart = true, SpawnedByRoot = false,
        Restart = RestartRule.Never, RestartLimit = 1, BackoffMs = 0, Grants = grants, Dependencies = [], ImageOffset = 0, ImageSize = 0,
    };
}
