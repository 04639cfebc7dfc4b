using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Kaal.Hil.Qemu;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Folders of killed harnesses are removed at the next start, and only those: the owner is in the name (process
/// id and start time), so a running harness's folder, a reused process id's, and a folder that names no owner are told
/// apart.</summary>
public sealed class HilTempDirectoryTests
{
    [Fact]
    public void Only_folders_whose_owner_is_gone_are_removed()
    {
        string root = Directory.CreateTempSubdirectory("kaal-stale-test-").FullName;
        try
        {
            string ours;
            using (var live = new HilTempDirectory())
            {
                ours = Path.GetFileName(live.Path); // kaal-hil-PID-START-XXXXXX of this test host
            }
            string[] ourOwner = ours.Split('-');
            int deadProcess = ExitedProcessId();
            string running = Path.Combine(root, ours);
            string dead = Path.Combine(root, $"kaal-hil-{deadProcess}-{ourOwner[3]}-abc123");
            string reusedId = Path.Combine(root, $"kaal-hil-{ourOwner[2]}-1-abc123"); // our id, another start time
            string noOwner = Path.Combine(root, "kaal-hil-Xy12ab");
            string notOurs = Path.Combine(root, "other-123-456-abc");
            foreach (string folder in new[] { running, dead, reusedId, noOwner, notOurs })
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "qmp.sock"), "");
            }

            string[] removed = HilTempDirectory.RemoveStale(root).Order(StringComparer.Ordinal).ToArray();

            Assert.Equal(new[] { dead, reusedId }.Order(StringComparer.Ordinal), removed);
            Assert.False(Directory.Exists(dead));
            Assert.False(Directory.Exists(reusedId));
            Assert.True(Directory.Exists(running));
            Assert.True(Directory.Exists(noOwner));
            Assert.True(Directory.Exists(notOurs));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_session_folder_names_its_owner_and_is_removed_with_it()
    {
        string path;
        using (var directory = new HilTempDirectory())
        {
            path = directory.Path;
            Assert.StartsWith($"{HilTempDirectory.Prefix}{Environment.ProcessId}-", Path.GetFileName(path));
            Assert.DoesNotContain(path, HilTempDirectory.RemoveStale(Path.GetDirectoryName(path)!));
        }
        Assert.False(Directory.Exists(path));
    }

    private static int ExitedProcessId()
    {
        using Process process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
