namespace Kaal.Model;

/// <summary>What a core does when the kernel exits (seL4's ksSchedulerAction).</summary>
public enum SchedulerAction : byte
{
    ResumeCurrent = 0,
    /// <summary>Switch to <see cref="CoreState.SwitchTarget"/> if nothing more important is ready.</summary>
    SwitchTo = 1,
    ChooseNew = 2,
}

/// <summary>One core's scheduling state, explicit so the simulator can explore interleavings across cores.</summary>
public struct CoreState
{
    public uint Current;
    public uint Idle;
    public SchedulerAction Action;
    public uint SwitchTarget;
}
