namespace Kaal.Kernel.Arm64.Port;

/// <summary>Which machine the image was linked for; the linker passes it to start.S (__kaal_platform_id),
/// start.S to kaal_main. Values match build/KaalKernelImage.targets.</summary>
internal enum PlatformId : ulong
{
    Virt = 1,
    Raspi3b = 2,
    Raspi4b = 3,
}
