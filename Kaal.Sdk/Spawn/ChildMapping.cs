using Kaal.Model;

namespace Kaal.Sdk.Spawn;

/// <summary>A frame the spawner maps into the child (a device page, a channel ring): the frame capability in the
/// spawner's CSpace (a copy is mapped, so the original can be mapped again after a restart).</summary>
public readonly record struct ChildMapping(ulong FrameCptr, ulong VirtAddr, VmRights Rights);
