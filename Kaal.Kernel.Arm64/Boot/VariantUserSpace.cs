namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// The hook a user-space variant implements (e.g. Variants/user-test): <see cref="Start"/> sets up the
/// root task's address spaces from the EL0 programs linked into the image (<see cref="BootLayout.UserImageStartAddress"/>)
/// and enters EL0, and never returns; the run ends when the root task calls SHUTDOWN. Variants that do
/// not implement it leave the partial method empty, the C# compiler removes the call, and the kernel runs
/// its self-test instead.
/// </summary>
internal static unsafe partial class VariantUserSpace
{
    internal static void Run(BootLayout* layout) => Start(layout);

    static partial void Start(BootLayout* layout);
}
