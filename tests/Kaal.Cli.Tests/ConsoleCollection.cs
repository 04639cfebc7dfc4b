using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>The tests that redirect the process's Console (one at a time) or boot QEMU; they share one
/// kernel image fixture, so each variant is built once.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<KernelImages>
{
    public const string Name = "Console";
}
