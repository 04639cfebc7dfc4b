using Kaal.Model;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Spawn;

/// <summary>
/// A capability the spawner copies into the child (from <see cref="SourceCptr"/> in its own CSpace, masked to
/// <see cref="Rights"/>, badged if <see cref="Badge"/> is non-zero) and the arguments entry that tells the child
/// about it; the entry's Cptr is filled in with where the copy landed. <see cref="SecondSourceCptr"/> is a second
/// capability for the same entry (a channel end's signal notification, stored in the entry's A).
/// <see cref="Move"/> hands over the capability itself instead of a copy: the only way to pass one that cannot be
/// derived, such as IrqControl (seL4's rule), so the spawner no longer holds it.
/// </summary>
public readonly record struct ChildGrant(
    ulong SourceCptr, CapRights Rights, ulong Badge, ArgEntry Entry,
    ulong SecondSourceCptr = 0, CapRights SecondRights = CapRights.None, ulong SecondBadge = 0, bool Move = false);
