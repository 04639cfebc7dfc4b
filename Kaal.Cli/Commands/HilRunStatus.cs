using System.Threading;
using System.Threading.Tasks;
using Kaal.Cli.Rendering;
using Kaal.Hil.Suites;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Cli.Commands;

/// <summary>`kaal hil run`'s progress status from the guest's protocol lines: the boot, the test running, and the
/// results so far. The count of tests is not known before the guest reports them, so the bar has no total.</summary>
internal sealed class HilRunStatus(IProgressLine line)
{
    private int _passed;
    private int _failed;
    private string _running = "booting";

    public Task OnLine(SuiteLineContext context, CancellationToken _)
    {
        ProtocolLine protocol = context.Line;
        switch (protocol.Kind)
        {
            case ProtocolLineKind.TestStarted:
                _running = $"test {protocol.Number} {protocol.Name}";
                break;
            case ProtocolLineKind.TestResult when protocol.Passed:
                _passed++;
                break;
            case ProtocolLineKind.TestResult:
                _failed++;
                break;
            case ProtocolLineKind.Other:
                break;
            default:
                _running = "ending";
                break;
        }
        line.Update(_passed + _failed, $"boot {context.Boot}, {_running}; {_passed} passed, {_failed} failed");
        return Task.CompletedTask;
    }
}
