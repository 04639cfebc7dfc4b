namespace Kaal.Hil.Suites;

/// <summary>A reset of the guest seen during a run: QEMU's RESET reason (host-qmp-system-reset for one the
/// harness injected, guest-reset for one the guest asked for) and the test it interrupted, if any.</summary>
public sealed record GuestReset(int Boot, string Reason, string? DuringTest);
