using System;
using System.Diagnostics;
using System.IO;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Kernel.Arm64.Tests;

/// <summary>
/// build/check_kernel_simd.sh, which the kernel build runs on every object of kernel code: the EL0 exit path
/// leaves user threads' FP/SIMD registers, FPSR, FPCR and TPIDR_EL0 in the CPU while the kernel runs
/// (Boot/vectors.S), so kernel code may move data through v16/v17 only. Each case assembles one function with
/// the same clang the build uses and runs the check on it.
/// </summary>
public sealed class KernelSimdCheckTests
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("movi v16.16b, #0\n stp q16, q17, [x0]\n ldp q16, q17, [x1, #32]\n stur q17, [x0, #-16]")]
    [InlineData("mvni v17.4s, #0\n str q17, [x0]\n ldr q16, [x1]")]
    [InlineData("b 1f\n1: cbz x0, 1b")] // branch targets are not registers
    public void Data_moves_through_v16_and_v17_pass(string body) => Assert.Equal(0, Check(body));

    [Theory]
    [InlineData("stp q0, q1, [x0]")] // a user thread's register
    [InlineData("ldr d18, [x0]")]
    [InlineData("mov v31.16b, v16.16b")]
    [InlineData("fadd d16, d16, d17")] // arithmetic would change FPSR's flags
    [InlineData("mrs x0, fpsr")]
    [InlineData("msr fpcr, x0")]
    [InlineData("mrs x0, tpidr_el0")]
    public void Other_fp_simd_state_fails(string body) => Assert.Equal(1, Check(body));

    /// <summary>Assembles <paramref name="body"/> as one function and returns the check's exit code.</summary>
    private static int Check(string body)
    {
        string directory = Path.Combine(Path.GetTempPath(), "kaal-simd-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string source = Path.Combine(directory, "probe.S");
            string objectFile = Path.Combine(directory, "probe.o");
            File.WriteAllText(source, $"    .text\n    .global probe\nprobe:\n {body}\n    ret\n");
            Assert.Equal(0, Run("clang", $"--target=aarch64-none-elf -mcpu=cortex-a53 -c \"{source}\" -o \"{objectFile}\""));
            string script = Path.Combine(RepositoryPaths.Root, "Kaal.Kernel.Arm64", "build", "check_kernel_simd.sh");
            return Run("bash", $"\"{script}\" aarch64-linux-gnu-objdump \"{objectFile}\"");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        // Read both streams to the end so that neither pipe can fill up and stall the tool.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {arguments} did not finish within {ToolLimit.TotalSeconds} s");
        }
        process.WaitForExit();
        System.Threading.Tasks.Task.WaitAll(output, errors);
        return process.ExitCode;
    }
}
