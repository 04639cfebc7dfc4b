using System.Linq;
using Kaal.Sdk.Discovery;

namespace Kaal.Sdk.Tests;

/// <summary>The binaries manifests in these tests may name: the repository's components as they declare themselves,
/// and the same without their expected capabilities, for rule tests whose manifests are minimal on purpose.</summary>
internal static class TestBinaries
{
    public static ComponentSet Repository { get; } = ComponentDiscovery.FromAssemblies(typeof(Kaal.Components.Supervision.SystemInit).Assembly);

    public static ComponentSet Undemanding { get; } = new(Repository.All.Select(component => component with { Expects = [] }));
}
