using System.Collections.Generic;
using System.Linq;
using Kaal.Hil.Qemu;

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
        // Whole systems (issue "[6 of 8]"): images built from a manifest, checked against the simulator's run of it.
        new HilSuite("default", "the default system of components.toml",
            "artifacts/system/default", ["[ipc_consumer] received items 1..40 in order, checksum 0x", "[system_init] summary: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system")
        {
            Manifest = "components.toml",
            // The board's devices sit elsewhere (manifests/raspi3b.toml mirrors components.toml), so its image is built apart.
            Boards = new Dictionary<string, BoardSystem>
            {
                [QemuTarget.Raspi3bName] = new("artifacts/system/raspi3b", "manifests/raspi3b.toml",
                    "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system -p:KaalManifest=manifests/raspi3b.toml"),
            },
        },
        // test_fault faults on purpose and is given up on, so system_init powers off with 1 (as `kaal run` does).
        new HilSuite("test-components", "the sel4test-style test components of manifests/test-components.toml",
            "artifacts/system/test-components", ["[system_init] gave up on test_fault after 1 restarts", "[system_init] summary: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system -p:KaalManifest=manifests/test-components.toml")
        {
            Manifest = "manifests/test-components.toml",
            ExpectedExitCode = 1,
        },
        // The default system with a consumer that faults after item 7: restarted after a backoff slept on the timer
        // driver's interrupt, it resumes at item 8 and the run ends cleanly.
        new HilSuite("consumer-crash", "the default system with a consumer that faults on purpose (manifests/consumer-crash.toml)",
            "artifacts/system/consumer-crash", ["[ipc_consumer] resumed at item 8", "[ipc_consumer] received items 8..40 in order, checksum 0x", "[system_init] summary: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system -p:KaalManifest=manifests/consumer-crash.toml")
        {
            Manifest = "manifests/consumer-crash.toml",
        },
        // A component that cannot be spawned: system_init must survive the failure (no exception unwinding on the CPU)
        // and give up on it as `kaal run` does, then power off with 1.
        new HilSuite("spawn-failure", "system_init surviving a spawn that fails (manifests/spawn-failure.toml)",
            "artifacts/system/spawn-failure", ["[system_init] gave up on greedy after 1 restarts", "[system_init] summary: "],
            "build it with: dotnet build Kaal.Kernel.Arm64 -p:KaalKernelVariant=default-system -p:KaalManifest=manifests/spawn-failure.toml")
        {
            Manifest = "manifests/spawn-failure.toml",
            ExpectedExitCode = 1,
        },
    ];

    public static HilSuite? Find(string name) => All.FirstOrDefault(suite => suite.Name == name);

    public static string Names => string.Join(", ", All.Select(suite => suite.Name));
}
