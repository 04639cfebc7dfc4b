using Kaal.Kernel.Arm64.Boot;

namespace Kaal.Kernel.Arm64.Port;

/// <summary>
/// The machine the kernel runs on, after boot picked it: its description and the ways to stop it.
/// The Model never calls this; the kernel around it does.
/// </summary>
internal static class Machine
{
    private static Platform s_platform;

    internal static ref readonly Platform Platform => ref s_platform;

    internal static void Initialize(in Platform platform) => s_platform = platform;

    /// <summary>Ends the run: the semihosting exit code when QEMU has -semihosting, else PSCI power-off
    /// where the platform has it, else the core parks. Never returns.</summary>
    internal static void Exit(ExitCode code)
    {
        Arch.DisableInterrupts();
        Semihosting.Exit((int)code);
        Stop();
    }

    /// <summary>Stops without semihosting (used when a semihosting call itself faulted).</summary>
    internal static void Stop()
    {
        Arch.DisableInterrupts();
        if (s_platform.HasPsciOverHvc)
        {
            Psci.PowerOff();
        }
        Arch.HaltForever();
    }
}
