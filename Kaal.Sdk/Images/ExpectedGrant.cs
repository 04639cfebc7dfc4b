using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Images;

/// <summary>
/// One capability an image's metadata says its binary cannot work without, in the registry's grant form, so the loader
/// checks it against a registry record's grants without parsing manifest text (the CPU has no manifest reader).
/// <see cref="AnyValue"/>: any grant of the kind will do ("interrupt", "memory_map", "memory:allocate"). The rules
/// are the host validator's (Manifest/ExpectedCapability): a budget counts the total of all memory:allocate grants,
/// a region must lie inside one granted region, an interrupt line and an IPC end must match exactly.
/// </summary>
public readonly record struct ExpectedGrant(GrantKind Kind, uint Role, string Name, ulong A, ulong B, bool AnyValue, string Text)
{
    public bool IsGrantedBy(Grant[] grants)
    {
        ulong budget = 0;
        foreach (Grant grant in grants)
        {
            if (grant.Kind != Kind) continue;
            if (AnyValue) return true;
            switch (Kind)
            {
                case GrantKind.MemoryAllocate:
                    budget = budget > ulong.MaxValue - grant.A ? ulong.MaxValue : budget + grant.A;
                    if (budget >= A) return true;
                    break;
                case GrantKind.MemoryMap:
                    if (grant.A <= A && B <= grant.B && A - grant.A <= grant.B - B) return true;
                    break;
                case GrantKind.Interrupt:
                    if (grant.A == A) return true;
                    break;
                case GrantKind.Ipc:
                    // A writer is a client that may also write: it satisfies an expected client end.
                    if ((grant.Role == Role || (Role == (uint)IpcEnd.Client && grant.Role == (uint)IpcEnd.Writer)) && grant.Name == Name) return true;
                    break;
                case GrantKind.ProcessReload:
                    if (grant.Name == Name) return true;
                    break;
                default:
                    return true;
            }
        }
        return false;
    }
}
