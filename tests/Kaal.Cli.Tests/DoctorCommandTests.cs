using System;
using System.Diagnostics;
using System.IO;
using Kaal.Hil.Processes;
using Xunit;

namespace Kaal.Cli.Tests;

/// <summary>`kaal doctor` names each missing native tool with its Debian package and what needs it.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public void On_this_machine_every_tool_is_found()
    {
        (int code, string output) = Doctor(Environment.GetEnvironmentVariable("PATH") ?? "");
        Assert.True(code == 0, output);
        Assert.Contains("ok       clang  ", output);
        Assert.Contains("ok       qemu-system-aarch64  ", output);
    }

    [Fact]
    public void With_an_empty_search_path_each_missing_tool_is_named_with_its_package_and_one_install_command()
    {
        string empty = Directory.CreateTempSubdirectory("kaal-doctor-").FullName;
        try
        {
            (int code, string output) = Doctor(empty);
            Assert.Equal(1, code);
            Assert.Contains("missing  ld.lld (Debian package lld): links the kernel and EL0 images", output);
            Assert.Contains("missing  aarch64-linux-gnu-objcopy (Debian package binutils-aarch64-linux-gnu)", output);
            Assert.Contains("4 missing: clang, ld.lld, aarch64-linux-gnu-objcopy, qemu-system-aarch64; install with: apt-get install clang lld binutils-aarch64-linux-gnu qemu-system-arm", output);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    /// <summary>The dotnet host on this process's PATH. Not Environment.ProcessPath: under xunit v3 this process is the
    /// test executable itself.</summary>
    private static readonly string DotnetHost = ExecutableSearch.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");

    /// <summary>kaal doctor as its own process with PATH = <paramref name="searchPath"/> (dotnet started by its full path).</summary>
    private static (int Code, string Output) Doctor(string searchPath)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kaal.dll"));
        start.ArgumentList.Add("doctor");
        start.Environment["PATH"] = searchPath;
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
