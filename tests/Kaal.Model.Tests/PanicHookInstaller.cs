using System.Runtime.CompilerServices;
using Kaal.Model;

namespace Kaal.Model.Tests;

/// <summary>A kernel assertion failure in a test is a kernel bug: turn the panic into a test failure.</summary>
public sealed class KernelPanicException(AssertionSite site, ulong detail)
    : System.Exception($"kernel assertion failed: {site} (detail {detail})")
{
    public AssertionSite Site { get; } = site;
}

internal static class PanicHookInstaller
{
    [ModuleInitializer]
    internal static unsafe void Install() => KernelAssert.InstallPanicHook(&Throw);

    private static void Throw(AssertionSite site, ulong detail) => throw new KernelPanicException(site, detail);
}
