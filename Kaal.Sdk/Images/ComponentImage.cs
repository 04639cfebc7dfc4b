using System;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Images;

/// <summary>
/// The loader's checks on a component image, from any byte source (a registry, a file, later a filesystem service):
/// the ELF rules (<see cref="ElfReader"/>), its metadata section (<see cref="ComponentMetadataLayout"/>), and that a
/// registry record may run it: the same binary and type, and every capability the binary expects granted. Each
/// refusal is a message naming the offending value; nothing here throws, allocates more than the metadata's strings,
/// or loops past the image's own bounded tables.
/// </summary>
public static class ComponentImage
{
    /// <summary>The image's metadata, if the image is a loadable AArch64 executable with a well-formed metadata
    /// section. <paramref name="elf"/> receives the image's segments.</summary>
    public static Outcome<ComponentMetadata> Read(ArraySegment<byte> image, ElfImage elf)
    {
        ElfProblem problem = ElfReader.Read(image.Array!, image.Offset, image.Count, elf);
        if (!problem.IsOk)
            return new Failure($"not a loadable AArch64 executable: {problem.Error.Name()} at {problem.Field.Name()} = 0x{problem.Value:X}" + (problem.ProgramHeader >= 0 ? $" (program header {problem.ProgramHeader})" : ""));
        Outcome<(int Offset, int Size)> section = ElfSections.Find(image.Array!, image.Offset, image.Count, ComponentMetadataLayout.SectionName);
        if (section.Failed) return new Failure($"metadata: {section.Failure.Message} (an image is built with its component's metadata; docs/component-images.md)");
        Outcome<ComponentMetadata> metadata = ComponentMetadataReader.Decode(new ArraySegment<byte>(image.Array!, image.Offset + section.Value.Offset, section.Value.Size));
        return metadata.Failed ? new Failure($"metadata section {ComponentMetadataLayout.SectionName}: {metadata.Failure.Message}") : metadata;
    }

    /// <summary><see cref="Read"/>, then whether <paramref name="component"/>'s registry record may run the image: its
    /// binary is the metadata's or the one the metadata replaces (a new version, loaded by system_init's loader), its type
    /// is the metadata's, and its grants give every capability the metadata expects. The metadata's binary is the code the
    /// spawned component runs (the spawner's <see cref="ArgKind.Binary"/> entry).</summary>
    public static Outcome<ComponentMetadata> Check(ArraySegment<byte> image, RegistryComponent component, ElfImage elf)
    {
        Outcome<ComponentMetadata> read = Read(image, elf);
        if (read.Failed) return new Failure($"image of binary {component.Binary}: {read.Failure.Message}");
        ComponentMetadata metadata = read.Value;
        if (metadata.Binary != component.Binary && metadata.Replaces != component.Binary)
        {
            return new Failure(metadata.Replaces.Length > 0
                ? $"image of binary {component.Binary}: its metadata names binary {metadata.Binary}, a new version of {metadata.Replaces}"
                : $"image of binary {component.Binary}: its metadata names binary {metadata.Binary}");
        }
        if ((int)metadata.Type != (int)component.Kind)
            return new Failure($"'{component.Name}' is {KindName(component.Kind)} in the manifest, but binary {metadata.Binary}'s metadata says {TypeName(metadata.Type)}");
        foreach (ExpectedGrant expected in metadata.Expects)
        {
            if (!expected.IsGrantedBy(component.Grants))
                return new Failure($"'{component.Name}' grants less than binary {metadata.Binary} expects: nothing in its capabilities grants \"{expected.Text}\" (the image's metadata section)");
        }
        return metadata;
    }

    private static string KindName(ComponentKind kind) => kind switch
    {
        ComponentKind.Driver => "a driver",
        ComponentKind.Service => "a service",
        ComponentKind.Application => "an application",
        _ => $"kind {(int)kind}",
    };

    private static string TypeName(ComponentType type) => KindName((ComponentKind)(int)type);
}
