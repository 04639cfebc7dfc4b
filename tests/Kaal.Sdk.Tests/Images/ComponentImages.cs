using System.Linq;
using Kaal.Sdk.Discovery;
using Kaal.Sdk.Images;
using Kaal.Tests.Shared;

namespace Kaal.Sdk.Tests.Images;

/// <summary>Component images for tests: a small valid AArch64 executable (<see cref="ElfBuilder.Standard"/>) with a
/// repository component's metadata section appended, as the image build's objcopy step does.</summary>
internal static class ComponentImages
{
    public static DiscoveredComponent Declared(string binary) => TestBinaries.Repository.All.Single(component => component.Binary == binary);

    public static byte[] Metadata(string binary) => ComponentMetadataWriter.Write(Declared(binary));

    public static byte[] Of(string binary) => WithSection(Metadata(binary));

    public static byte[] WithSection(byte[] section) =>
        SectionAppender.Append(ElfBuilder.Standard().Build(), (".comment", new byte[] { 1, 2, 3 }), (ComponentMetadataLayout.SectionName, section));

    /// <summary>Where the metadata section's bytes start in an image made by <see cref="Of"/>.</summary>
    public static int MetadataOffset => ElfBuilder.Standard().Build().Length + 3;
}
