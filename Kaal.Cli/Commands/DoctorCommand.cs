using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Kaal.Hil.Processes;

namespace Kaal.Cli.Commands;

/// <summary>`kaal doctor`: which of the machine's programs for building and booting images are there, each missing
/// one named with its Debian package and what needs it. Exit 0 when all are found, 1 otherwise.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "check the native tools kaal needs to build and boot images (clang, ld.lld, objcopy, QEMU)");
        command.SetAction(_ => Run(Environment.GetEnvironmentVariable("PATH") ?? ""));
        return command;
    }

    private static int Run(string searchPath)
    {
        var missing = new List<NativeTool>();
        foreach (NativeTool tool in NativeTools.All)
        {
            string? found = NativeTools.Locate(tool, searchPath);
            if (found is null) missing.Add(tool);
            Console.WriteLine(found is null
                ? $"missing  {tool.Executable} (Debian package {tool.DebianPackage}): {tool.UsedFor}"
                : $"ok       {tool.Executable}  {found}");
        }
        Console.WriteLine("ok       ILC: restored from NuGet (runtime.linux-x64.Microsoft.DotNet.ILCompiler) when an image is built");
        if (missing.Count == 0) return 0;
        Console.WriteLine($"{missing.Count} missing: {string.Join(", ", missing.Select(tool => tool.Executable))}; install with: {NativeTools.InstallCommand(missing)}");
        return 1;
    }
}
