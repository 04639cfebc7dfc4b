namespace Kaal.Kernel.Arm64.Boot;

/// <summary>
/// Where the user-test system puts things: capability slots in the root CNode, virtual addresses, and
/// the boot-information words in the data page. user_tests.S has the same numbers (its .equ block);
/// the two must change together.
/// </summary>
internal static class UserTestLayout
{
    // Root CNode slots (cptr = slot: the root CNode's guard takes the rest of the word).
    internal const ulong RootTcb = 1;
    internal const ulong RootCNode = 2;
    internal const ulong RootVSpace = 3;
    internal const ulong Untyped = 0x40;
    internal const ulong Endpoint = 0x41;
    internal const ulong EndpointClient = 0x42;
    internal const ulong EndpointReadOnly = 0x43;
    internal const ulong IdleNotification = 0x44;
    internal const ulong IdleNotificationSend = 0x45;
    internal const ulong PingNotification = 0x46;
    internal const ulong PingNotificationSend = 0x47;
    internal const ulong PongNotification = 0x48;
    internal const ulong PongNotificationSend = 0x49;
    internal const ulong DoneNotification = 0x4A;
    internal const ulong DoneNotificationSend = 0x4B;
    internal const ulong IrqNotification = 0x4C;
    internal const ulong IrqNotificationBadged = 0x4D;
    internal const ulong FaultEndpoint = 0x4E;
    internal const ulong FaultEndpointInvalid = 0x4F;
    internal const ulong FaultEndpointFaults = 0x50;
    internal const ulong DataFrameReadOnly = 0x51;
    internal const ulong BenchEndpoint = 0x52;
    internal const ulong BenchEndpointClient = 0x53;
    internal const ulong BenchNotification = 0x54;
    internal const ulong BenchNotificationSend = 0x55;
    internal const ulong CrossCoreNotification = 0x56;
    internal const ulong CrossCoreNotificationSend = 0x57;
    /// <summary>Helper threads in the root task's address space (the program gives them stack slots 1..7 in
    /// this order).</summary>
    internal const ulong SignalHelperTcb = 0x60;
    internal const ulong InvalidSyscallHelperTcb = 0x61;
    internal const ulong FaultHelperTcb = 0x62;
    internal const ulong CrasherTcb = 0x63;
    internal const ulong CheckerTcb = 0x64;
    internal const ulong SpinnerTcb = 0x65;
    internal const ulong PreemptorTcb = 0x66;
    internal const int HelperCount = 7;
    /// <summary>Benchmark threads in the server's address space (stack slots 1..3 there), root CSpace.</summary>
    internal const ulong BenchServerTcb = 0x67;
    internal const ulong BenchWaiterTcb = 0x68;
    internal const ulong BenchYielderTcb = 0x69;
    internal const int BenchThreadCount = 3;
    /// <summary>The cross-core test's helper (root address space and CSpace, stack slot 8), which it moves to core 1.</summary>
    internal const ulong CrossCoreHelperTcb = 0x6A;
    internal const ulong ServerTcb = 0x70;
    internal const ulong ServerCNode = 0x71;
    internal const ulong ServerVSpace = 0x72;
    /// <summary>Slots the EL0 tests fill themselves, and where the set-up's own frames and splits go.</summary>
    internal const ulong FirstSetupSlot = 0x100;

    // Badges and rights of the minted capabilities.
    internal const ulong ClientBadge = 0x42;
    internal const ulong IdleBadge = 0x5A;
    internal const ulong PingBadge = 0x11;
    internal const ulong PongBadge = 0x22;
    internal const ulong DoneBadge = 0xD0;
    internal const ulong IrqBadge = 0x1B;
    internal const ulong InvalidHelperBadge = 0xA1;
    internal const ulong FaultHelperBadge = 0xA2;
    internal const ulong BenchClientBadge = 0xB0;
    internal const ulong BenchSignalBadge = 0xB1;
    internal const ulong CrossCoreBadge = 0xC5;

    // The server process's own CNode (radix 4): its endpoint capability.
    internal const int ServerCNodeRadix = 4;
    internal const ulong ServerEndpointSlot = 1;

    // Priorities.
    internal const ulong HelperPriority = 150;
    internal const ulong CheckerPriority = 140;
    internal const ulong SpinnerPriority = 100;
    internal const ulong ServerPriority = 150;
    internal const ulong BenchWaiterPriority = 200;
    internal const ulong BenchYielderPriority = 100;

    // Virtual addresses, the same in both address spaces.
    internal const ulong ImageAddress = 0x0040_0000;
    internal const ulong DataAddress = 0x0080_0000;
    internal const ulong SharedAddress = 0x0090_0000;
    internal const ulong StackAddress = 0x0100_0000;
    internal const ulong StackStrideBytes = 0x2000; // a page of stack, then an unmapped guard page
    internal const int RootStackCount = 2 + HelperCount; // the driver's, the helpers', the cross-core helper's
    internal const int ServerStackCount = 1 + BenchThreadCount;
    internal const ulong DeviceAddress = 0x0500_0000;

    // Boot information the set-up writes into the data page (byte offsets) for the EL0 program: numbers
    // that are the kernel's to define, so the program does not hard-code them.
    internal const int BootUartInterruptLine = 0x00;
    internal const int BootReasonNullCapability = 0x08;
    internal const int BootReasonWrongCapabilityType = 0x10;
    internal const int BootReasonMissingRight = 0x18;
    internal const int BootReasonRightsWiderThanCap = 0x20;
    internal const int BootReasonNotMappedInVSpace = 0x28;
    internal const int BootReasonDebugPrintTooLong = 0x30;
    internal const int BootReasonMappingMisaligned = 0x38;
    internal const int BootReasonPriorityAboveMaximum = 0x40;
    internal const int BootCoreCount = 0x48;
    internal const int BootReasonCoreOutOfRange = 0x50;

    internal const ulong PageBytes = 0x1000;
}
