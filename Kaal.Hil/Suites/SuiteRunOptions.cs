using System;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Suites;

/// <summary>Time limits and hooks of one suite run.</summary>
public sealed record SuiteRunOptions
{
    /// <summary>Generous: the kernel self-test takes well under a second under TCG; this only catches hangs.</summary>
    public static readonly TimeSpan DefaultTestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultSuiteTimeout = TimeSpan.FromSeconds(300);

    /// <summary>The longest the console may go without protocol progress: from boot to the first test, from a
    /// test's start to its result, between tests, from the summary to QEMU's exit.</summary>
    public TimeSpan TestTimeout { get; init; } = DefaultTestTimeout;

    /// <summary>The whole run, boot to exit.</summary>
    public TimeSpan SuiteTimeout { get; init; } = DefaultSuiteTimeout;

    /// <summary>Called for each console line after it is recorded, before the next one is read, with the means to
    /// inject faults (QMP) and to type on the console. The run waits for it (the guest does not).</summary>
    public Func<SuiteLineContext, CancellationToken, Task>? OnLine { get; init; }
}
