namespace Kaal.Model.Scenarios;

/// <summary>
/// Numbered checks inside a scenario: the first one that fails is remembered, so a failing run on the
/// board says "check 7 failed" without needing strings or exceptions.
/// </summary>
public struct ScenarioChecks
{
    private ushort _checksMade;

    public ushort FirstFailedCheck { get; private set; }

    public readonly bool Passed => FirstFailedCheck == 0;

    public void That(bool condition)
    {
        _checksMade++;
        if (!condition && FirstFailedCheck == 0)
        {
            FirstFailedCheck = _checksMade;
        }
    }

    public void Ok(in KernelResult result) => That(result.IsOk);

    public void Fails(in KernelResult result, KernelError expected) => That(result.Error == expected);

    public void Invariants(Kernel kernel)
    {
        That(kernel.CheckInvariants().IsNone);
        That(kernel.CheckSchedulerInvariants().IsNone);
    }
}
