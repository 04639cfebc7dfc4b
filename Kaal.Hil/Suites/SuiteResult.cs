using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.Hil.Suites;

/// <summary>Everything a run of a suite found out, for the console summary and the JUnit report.</summary>
public sealed record SuiteResult
{
    public required string Suite { get; init; }

    public required string Target { get; init; }

    public required string ImagePath { get; init; }

    public required SuiteOutcome Outcome { get; init; }

    /// <summary>One sentence: what happened.</summary>
    public required string Summary { get; init; }

    public required IReadOnlyList<TestCaseResult> Tests { get; init; }

    public IReadOnlyList<GuestReset> Resets { get; init; } = [];

    /// <summary>Evidence beyond the summary: the panic dump, the registers of a hung CPU, QEMU's stderr.</summary>
    public string Details { get; init; } = "";

    /// <summary>QEMU's exit code (semihosting: the kernel's), when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The whole console transcript.</summary>
    public required IReadOnlyList<string> Transcript { get; init; }

    /// <summary>Expected lines of the suite that never appeared.</summary>
    public IReadOnlyList<string> MissingExpectedLines { get; init; } = [];

    /// <summary>Result lines that matched no running test (a garbled console or a confused kernel).</summary>
    public IReadOnlyList<string> ProtocolProblems { get; init; } = [];

    /// <summary>A system suite's checks besides its components' tests (JUnit `[check] NAME` testcases).</summary>
    public IReadOnlyList<SuiteCheck> Checks { get; init; } = [];

    public string? QemuVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public bool Passed => Outcome == SuiteOutcome.Passed;

    public int Count(TestStatus status) => Tests.Count(test => test.Status == status);
}
