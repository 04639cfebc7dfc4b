namespace Kaal.Model.Scenarios;

/// <summary>
/// The list of kernel-level scenarios, by index, for runners that cannot use delegates or reflection
/// (the bare-metal self-test). <see cref="Run"/> returns 0 for a pass, else the first failed check.
/// </summary>
public static class SelfTestCatalog
{
    public const int Count = 16;

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
        8 => "CAP0009_exhaustion_is_an_error",
        9 => "IPC0001_call_replyrecv_ping_pong",
        10 => "IPC0002_notification_wake_order",
        11 => "SCH0001_priority_preemption",
        12 => "SCH0002_round_robin_fairness",
        13 => "SCH0003_two_cores_two_priorities",
        14 => "FLT0001_fault_handling",
        _ => "MEM0001_map_print_unmap",
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
        8 => CapabilityScenarios.ExhaustionIsAnError(),
        9 => ThreadScenarios.CallReplyRecvPingPong(),
        10 => ThreadScenarios.NotificationWakeOrder(),
        11 => ThreadScenarios.PriorityPreemption(),
        12 => ThreadScenarios.RoundRobinFairness(),
        13 => ThreadScenarios.TwoCoresTwoPriorities(),
        14 => ThreadScenarios.FaultHandling(),
        _ => MemoryScenarios.MapPrintUnmap(),
    };
}
