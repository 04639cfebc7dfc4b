using System.Linq;
using Kaal.Hil.Differential;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>Console text into observable events: component lines only, lifecycle lines filed under the component
/// they name, kernel and QEMU noise, timing lines, CRLF and a cut-off last line left out.</summary>
public sealed class ObservableEventLogTests
{
    [Fact]
    public void Only_component_lines_are_events_and_lifecycle_lines_belong_to_the_component_they_name()
    {
        ObservableEventLog log = ObservableEventLog.FromLines([
            "KaaL kernel (arm64) on qemu-virt",
            "Kaal.Model kernel booted: 5 regions",
            "qemu-system-aarch64: warning: host doesn't support requested feature",
            "[    0.104] not a component",
            "[OK] neither",
            "[system_init] phase drivers",
            "[system_init] started serial_driver",
            "[system_init] stopped ipc_consumer: dependency ipc_producer failed",
            "[ipc_producer] sent 40 items",
            "",
        ]);
        Assert.Equal(["system_init", "serial_driver", "ipc_consumer", "ipc_producer"], log.Events.Select(observed => observed.Subject));
        Assert.Equal("[system_init] started serial_driver", log.Events[1].ToString());
    }

    [Fact]
    public void Timing_lines_are_counted_not_kept()
    {
        ObservableEventLog log = ObservableEventLog.FromLines(["[bench] kaal-bench: name=yield iterations=10 ticks=5", "[ipc_producer] sent 40 items"]);
        Assert.Single(log.Events);
        Assert.Equal(1, log.TimingLinesIgnored);
    }

    [Fact]
    public void CRLF_consoles_read_like_LF_ones_and_a_last_line_without_its_break_is_left_out()
    {
        ObservableEventLog crlf = ObservableEventLog.FromConsoleText("[system_init] phase drivers\r\n[ipc_producer] sent 40 items\r\n[ipc_consumer] recei");
        ObservableEventLog lf = ObservableEventLog.FromConsoleText("[system_init] phase drivers\n[ipc_producer] sent 40 items\n");
        Assert.Equal(lf.Events.Select(observed => observed.Line), crlf.Events.Select(observed => observed.Line));
        Assert.Equal(2, crlf.Events.Count);
        Assert.Empty(ObservableEventLog.FromConsoleText("").Events);
    }
}
