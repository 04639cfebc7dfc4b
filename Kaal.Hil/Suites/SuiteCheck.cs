namespace Kaal.Hil.Suites;

/// <summary>One thing a system suite checks besides its components' tests (the power-off code, an expected line, the
/// components' protocol, the differential check): reported as a JUnit testcase `[check] NAME`, so a passing system suite
/// counts what it checked and a failing one shows which check failed.</summary>
public sealed record SuiteCheck(string Name, bool Passed, string Message);
