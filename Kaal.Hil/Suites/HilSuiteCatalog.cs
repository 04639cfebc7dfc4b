using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Suites;

/// <summary>The suites `kaal hil run --suite NAME` knows. A suite is data (an image folder and expected lines),
/// so adding one is adding an entry here.</summary>
public static class HilSuiteCatalog
{
    public static IReadOnlyList<HilSuite> All { get; } =
    [
        new HilSuite("kernel", "the kernel self-test image (port, capability, IPC, scheduler, fault and memory scenarios)",
            "artifacts/kernel/selftest", ["Kaal.Model kernel booted: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=selftest"),
        // The default system (components.toml: system_init, drivers, ipc_producer/ipc_consumer) arrives with
        // issue "[6 of 8]"; its image folder and expected lines are filled in then.
        new HilSuite("default", "the default system of components.toml",
            "artifacts/system/default", [],
            "the default system is not built yet (its image comes with issue [6 of 8], the default system)"),
    ];

    public static HilSuite? Find(string name) => All.FirstOrDefault(suite => suite.Name == name);

    public static string Names => string.Join(", ", All.Select(suite => suite.Name));
}
