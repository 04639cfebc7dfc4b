using System;
using System.Collections.Generic;

namespace Kaal.Hil.Suites;

/// <summary>One test as the console reported it. <paramref name="Boot"/> counts from 1 and grows when the
/// guest restarts its tests (after a reset); <paramref name="Output"/> is what the test printed between its
/// start and result lines; <paramref name="Message"/> says why it did not pass.</summary>
public sealed record TestCaseResult(int Boot, int Number, string Name, TestStatus Status, TimeSpan Duration, IReadOnlyList<string> Output, string? Message);
