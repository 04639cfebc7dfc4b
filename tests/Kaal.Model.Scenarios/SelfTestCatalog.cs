namespace Kaal.Model.Scenarios;

/// <summary>
/// The list of kernel-level scenarios, by index, for runners that cannot use delegates or reflection
/// (the bare-metal self-test). <see cref="Run"/> returns 0 for a pass, else the first failed check.
/// </summary>
public static class SelfTestCatalog
{
    public const int Count = 9;

    public static string Name(int index) => index switch
    {
        0 => "CAP0001_boot_layout",
        1 => "CAP0002_copy_masks_rights",
        2 => "CAP0003_mint_badges_once",
        3 => "CAP0004_revoke_deletes_descendants",
        4 => "CAP0005_retype_reuses_memory_only_after_revoke",
        5 => "CAP0006_lookup_through_guarded_cnode",
        6 => "CAP0007_deleting_cnode_destroys_contents",
        7 => "CAP0008_irq_handler_issued_once",
        _ => "CAP0009_exhaustion_is_an_error",
    };

    public static ushort Run(int index) => index switch
    {
        0 => CapabilityScenarios.BootLayout(),
        1 => CapabilityScenarios.CopyMasksRights(),
        2 => CapabilityScenarios.MintBadgesOnce(),
        3 => CapabilityScenarios.RevokeDeletesDescendants(),
        4 => CapabilityScenarios.RetypeReusesMemoryOnlyAfterRevoke(),
        5 => CapabilityScenarios.LookupThroughGuardedCNode(),
        6 => CapabilityScenarios.DeletingCNodeDestroysContents(),
        7 => CapabilityScenarios.IrqHandlerIssuedOnce(),
        _ => CapabilityScenarios.ExhaustionIsAnError(),
    };
}
