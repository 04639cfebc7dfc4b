using System;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>
/// Base of every test that starts QEMU: they share one collection (one QEMU at a time on a 2-core machine),
/// and after each test the process table must show no QEMU child of this test host: whatever the test did,
/// passed or failed, its QEMU is gone.
/// </summary>
[Collection(KernelImagesCollection.Name)]
public abstract class QemuTestBase : IDisposable
{
    protected QemuTestBase(KernelImages images)
    {
        Images = images;
    }

    protected KernelImages Images { get; }

    public void Dispose()
    {
        Assert.Empty(ProcessTable.OurQemuChildren());
        GC.SuppressFinalize(this);
    }
}
