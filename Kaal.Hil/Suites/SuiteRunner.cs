using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Kaal.Hil.Processes;
using Kaal.Hil.Qemu;
using Kaal.Hil.Qmp;
using Kaal.Hil.Serial;
using Kaal.Hil.Targets;
using Kaal.Sdk.Sel4Test;

namespace Kaal.Hil.Suites;

/// <summary>
/// Runs a suite: boots the image on the target, follows the console with the sel4test protocol and ends with
/// a verdict that says what happened. One loop takes every input in arrival order (console lines, QEMU's
/// RESET events, QEMU's exit, the console closing) and checks two deadlines: the test timeout (no protocol
/// progress) and the suite timeout. On a hang it stops the guest through QMP and captures the registers before
/// QEMU is killed; on a crash it keeps the exit code and the last console lines. QEMU never outlives the call.
/// </summary>
public static partial class SuiteRunner
{
    /// <summary>Console lines kept in a crash or hang summary.</summary>
    public const int LastLinesShown = 20;
    /// <summary>After QEMU exits, the console socket still holds its last lines; this bounds reading them.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);
    /// <summary>A board that panicked stops printing; this much silence ends the dump.</summary>
    private static readonly TimeSpan PanicQuietPeriod = TimeSpan.FromSeconds(2);
    /// <summary>Bounds the QMP calls that capture a hang, so a wedged QEMU cannot stall the report.</summary>
    private static readonly TimeSpan CaptureTimeout = TimeSpan.FromSeconds(15);

    public static async Task<SuiteResult> RunAsync(HilSuite suite, string imagePath, HilTarget target, SuiteRunOptions options,
        CancellationToken cancellationToken = default)
    {
        DateTimeOffset startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        SuiteResult Fail(SuiteOutcome outcome, string summary, string details, int? exitCode = null) => new()
        {
            Suite = suite.Name, Target = target.Name, ImagePath = imagePath, Outcome = outcome, Summary = summary, Details = details,
            ExitCode = exitCode, Tests = [], Transcript = [], StartedAt = startedAt, Elapsed = clock.Elapsed,
        };

        TargetConnection connection;
        // Bringing the target up (QEMU's start, a board's reset command) is part of the run: the suite's deadline bounds it.
        using (var startDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            startDeadline.CancelAfter(options.SuiteTimeout);
            try
            {
                connection = await TargetConnection.OpenAsync(target, imagePath, startDeadline.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested && error is OperationCanceledException or BoardResetException)
            {
                return Fail(SuiteOutcome.Interrupted, $"interrupted while starting {target.Name}", error is BoardResetException ? error.Message : "");
            }
            catch (Exception error) when (startDeadline.IsCancellationRequested && error is OperationCanceledException or BoardResetException)
            {
                string during = error is BoardResetException ? "the reset command ran" : $"{target.Name} started";
                return Fail(SuiteOutcome.Error, $"could not start {target.Name}: the suite timeout ({options.SuiteTimeout.TotalSeconds:F0} s) ran out while {during}",
                    error is BoardResetException ? error.Message : "");
            }
            catch (QemuStartException error) when (error.ExitCode is int exitCode)
            {
                return Fail(SuiteOutcome.Crash, $"QEMU exited at start-up ({ExitStatus.Describe(exitCode)})", error.Message, exitCode);
            }
            catch (Exception error) when (error is QemuStartException or IOException or BoardResetException or QmpException)
            {
                return Fail(SuiteOutcome.Error, $"could not start {target.Name}: {FirstLine(error.Message)}", error.Message);
            }
        }
        await using (connection.ConfigureAwait(false))
        {
            var run = new Run(suite, imagePath, target, options, connection, startedAt, clock);
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    [GeneratedRegex(@"\bPC=([0-9a-fA-F]+)")]
    private static partial Regex ProgramCounter();

    private enum SignalKind
    {
        Line,
        ConsoleClosed,
        Reset,
        Exited,
    }

    private sealed record Signal(SignalKind Kind, string Text = "", int ExitCode = 0);

    /// <summary>The state of one run; lives inside RunAsync.</summary>
    private sealed class Run
    {
        private readonly HilSuite _suite;
        private readonly string _imagePath;
        private readonly HilTarget _target;
        private readonly SuiteRunOptions _options;
        private readonly TargetConnection _connection;
        private readonly DateTimeOffset _startedAt;
        private readonly Stopwatch _clock;
        private readonly SuiteTracker _tracker;
        private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>();
        private int? _exitCode;
        private bool _consoleClosed;
        private TimeSpan? _drainDeadline;
        private SerialLineReader? _console;

        public Run(HilSuite suite, string imagePath, HilTarget target, SuiteRunOptions options, TargetConnection connection,
            DateTimeOffset startedAt, Stopwatch clock)
        {
            _suite = suite;
            _imagePath = imagePath;
            _target = target;
            _options = options;
            _connection = connection;
            _startedAt = startedAt;
            _clock = clock;
            _tracker = new SuiteTracker(suite.ExpectedLines, everyLineIsProgress: suite.IsSystem);
        }

        private QemuSession? Qemu => _connection.Qemu;

        public async Task<SuiteResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            await using var console = new SerialLineReader(_connection.Console);
            _console = console;
            using var pumps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using QmpEventSubscription? events = Qemu?.Qmp?.SubscribeEvents();
            Task[] pumpTasks =
            [
                PumpLinesAsync(console, pumps.Token),
                events != null ? PumpEventsAsync(events, pumps.Token) : Task.CompletedTask,
                Qemu != null ? PumpExitAsync(Qemu, pumps.Token) : Task.CompletedTask,
            ];
            try
            {
                // Everything that follows the guest is in place: now it may run (and end) as fast as it likes.
                await _connection.StartGuestAsync(cancellationToken).ConfigureAwait(false);
                return await FollowAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (QmpException error) when (!cancellationToken.IsCancellationRequested)
            {
                return Result(SuiteOutcome.Error, $"could not start the guest on {_target.Name}: {error.Message}", Qemu?.StandardError ?? "");
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested && error is OperationCanceledException or QmpException)
            {
                return Interrupted();
            }
            finally
            {
                pumps.Cancel();
                events?.Dispose();
                await Task.WhenAll(pumpTasks.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            }
        }

        private async Task<SuiteResult> FollowAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (Finished() is SuiteResult done)
                {
                    return done;
                }
                TimeSpan now = _clock.Elapsed;
                TimeSpan deadline = NextDeadline();
                Signal? signal = null;
                if (deadline > now)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    wait.CancelAfter(deadline - now);
                    try
                    {
                        signal = await _signals.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                }
                if (signal == null)
                {
                    if (_clock.Elapsed < deadline)
                    {
                        continue;
                    }
                    return await OnDeadlineAsync(cancellationToken).ConfigureAwait(false);
                }
                await HandleAsync(signal, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan NextDeadline()
        {
            TimeSpan suiteDeadline = _options.SuiteTimeout;
            TimeSpan progressDeadline = _tracker.LastProgressAt + _options.TestTimeout;
            TimeSpan deadline = suiteDeadline < progressDeadline ? suiteDeadline : progressDeadline;
            if (_drainDeadline is TimeSpan drain && drain < deadline)
            {
                deadline = drain;
            }
            return deadline;
        }

        private async Task HandleAsync(Signal signal, CancellationToken cancellationToken)
        {
            switch (signal.Kind)
            {
                case SignalKind.Line:
                    ProtocolLine line = _tracker.OnLine(signal.Text, _clock.Elapsed);
                    if (_tracker.PanicLines != null && !_connection.ExpectsExit)
                    {
                        _drainDeadline = _clock.Elapsed + PanicQuietPeriod; // a board prints its dump and falls silent
                    }
                    if (_options.OnLine != null && _tracker.PanicLines == null)
                    {
                        await _options.OnLine(new SuiteLineContext(line, _tracker.Boot, Qemu, _connection.Console), cancellationToken).ConfigureAwait(false);
                    }
                    break;
                case SignalKind.Reset:
                    _tracker.OnReset(signal.Text);
                    break;
                case SignalKind.Exited:
                    _exitCode = signal.ExitCode;
                    _drainDeadline ??= _clock.Elapsed + DrainLimit;
                    break;
                case SignalKind.ConsoleClosed:
                    _consoleClosed = true;
                    _drainDeadline ??= _clock.Elapsed + DrainLimit;
                    break;
            }
        }

        /// <summary>The verdict, once the run has reached an end; null while it goes on.</summary>
        private SuiteResult? Finished()
        {
            bool qemuDone = _exitCode != null && _consoleClosed;
            if (_tracker.PanicLines != null)
            {
                return qemuDone || (!_connection.ExpectsExit && _consoleClosed) ? Panic() : null;
            }
            if (_suite.IsSystem)
            {
                // A board has no power-off to see: its run ends with the last expected line.
                if (_connection.ExpectsExit ? qemuDone : _tracker.MissingExpectedLines.Count == 0)
                {
                    return PoweredOff();
                }
            }
            else if (_tracker.Summary != null && (!_connection.ExpectsExit || qemuDone))
            {
                return Verdict();
            }
            if (qemuDone)
            {
                return Crash();
            }
            if (_consoleClosed && Qemu == null)
            {
                string reason = _console!.Error is Exception error ? $": {error.Message}" : "";
                return Result(SuiteOutcome.Error, $"the serial line {_target.Name} closed before the suite finished{reason}", LastLinesText());
            }
            return null;
        }

        private async Task<SuiteResult> OnDeadlineAsync(CancellationToken cancellationToken)
        {
            TimeSpan now = _clock.Elapsed;
            if (_tracker.PanicLines != null)
            {
                return Panic(); // the dump is complete: QEMU did not exit (no semihosting) or the board fell silent
            }
            if (_drainDeadline is TimeSpan drain && drain <= now && (_exitCode != null || _consoleClosed))
            {
                if (_exitCode != null)
                {
                    return _suite.IsSystem ? PoweredOff() : _tracker.Summary != null ? Verdict() : Crash(); // exited; the console never closed
                }
                return Result(SuiteOutcome.Error, "the console closed while QEMU kept running", LastLinesText());
            }
            bool suiteTimedOut = now >= _options.SuiteTimeout;
            string running = WhereTheRunIs();
            string limit = suiteTimedOut
                ? $"the suite timeout ({_options.SuiteTimeout.TotalSeconds:F0} s) ran out"
                : $"no progress for {_options.TestTimeout.TotalSeconds:F0} s (test timeout)";
            (string where, string registers) = await CaptureHangAsync(cancellationToken).ConfigureAwait(false);
            string summary = $"hang {running}: {limit}{where}";
            _tracker.EndRunningTest(TestStatus.Hung, $"{limit}{where}", now);
            return Result(SuiteOutcome.Hang, summary, $"{registers}\nlast console lines:\n{LastLinesText()}");
        }

        /// <summary>Where the run was when it was cut short: "in test X", "between tests, after X", ...</summary>
        private string WhereTheRunIs() => _suite.IsSystem ? "before the system powered off"
            : _tracker.CurrentTest is string test ? $"in test {test}"
            : _tracker.Summary != null ? "after the summary (QEMU did not exit)"
            : _tracker.Tests.LastOrDefault(done => done.Boot == _tracker.Boot) is TestCaseResult last ? $"between tests, after {last.Name}"
            : "before the first test (while booting)";

        /// <summary>Stopped from outside (SIGINT/SIGTERM): the tests that finished, the running one marked interrupted.</summary>
        private SuiteResult Interrupted()
        {
            // Lines already read count: a test whose result line came before the signal finished.
            while (_signals.Reader.TryRead(out Signal? pending))
            {
                if (pending.Kind == SignalKind.Line)
                {
                    _tracker.OnLine(pending.Text, _clock.Elapsed);
                }
            }
            string summary = $"interrupted {WhereTheRunIs()}";
            _tracker.EndRunningTest(TestStatus.Interrupted, "the run was interrupted (SIGINT/SIGTERM) while this test ran", _clock.Elapsed);
            return Result(SuiteOutcome.Interrupted, summary, $"last console lines:\n{LastLinesText()}");
        }

        /// <summary>Stops the guest and reads its registers (QEMU), or says there is no way to (board).</summary>
        private async Task<(string Where, string Registers)> CaptureHangAsync(CancellationToken cancellationToken)
        {
            if (Qemu?.Qmp == null)
            {
                return ("", "registers: not available (a board has no debug access through the harness; use JTAG)");
            }
            var faults = new QemuFaults(Qemu);
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bound.CancelAfter(CaptureTimeout);
                await faults.PauseAsync(bound.Token).ConfigureAwait(false);
                string registers = await faults.CaptureRegistersAsync(bound.Token).ConfigureAwait(false);
                Match pc = ProgramCounter().Match(registers);
                string where = pc.Success ? $"; CPU stopped at PC=0x{pc.Groups[1].Value.ToLowerInvariant()}{SymbolNear(pc.Groups[1].Value)}" : "";
                return (where, $"registers (QMP stop + info registers):\n{registers.TrimEnd()}");
            }
            catch (Exception error) when (error is QmpException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return ("", $"registers: could not be captured ({error.Message})");
            }
        }

        private string SymbolNear(string programCounterHex)
        {
            string? symbol = ElfSymbols.Describe(ElfSymbols.SymbolFileFor(_imagePath), Convert.ToUInt64(programCounterHex, 16));
            return symbol != null ? $" ({symbol})" : "";
        }

        private SuiteResult Panic()
        {
            List<string> dump = _tracker.PanicLines!;
            string header = dump[0];
            string during = DuringTest() is string test ? $" in test {test}" : "";
            _tracker.EndRunningTest(TestStatus.Panicked, header, _clock.Elapsed);
            string exit = _exitCode is int code ? $" ({ExitStatus.Describe(code)})" : "";
            return Result(SuiteOutcome.Panic, $"kernel panic{during}{exit}: {header}", string.Join('\n', dump));
        }

        private SuiteResult Crash()
        {
            int code = _exitCode!.Value;
            string during = DuringTest() is string test ? $" during test {test}" : _tracker.Tests.Count == 0 ? " before the first test" : " between tests";
            string summary = $"QEMU ended before the suite finished{during} ({ExitStatus.Describe(code)})";
            _tracker.EndRunningTest(TestStatus.Crashed, summary, _clock.Elapsed);
            string stderr = Qemu?.StandardError is { Length: > 0 } text ? $"QEMU stderr:\n{text.TrimEnd()}\n" : "";
            return Result(SuiteOutcome.Crash, summary, $"{stderr}last console lines:\n{LastLinesText()}");
        }

        /// <summary>The summary came (and QEMU exited, if it was going to): passed only if everything agrees.</summary>
        private SuiteResult Verdict()
        {
            ProtocolLine summary = _tracker.Summary!;
            List<TestCaseResult> finalBoot = _tracker.Tests.Where(test => test.Boot == _tracker.Boot).ToList();
            var problems = new List<string>();
            int failed = _tracker.Tests.Count(test => test.Status == TestStatus.Failed);
            if (failed > 0)
            {
                problems.Add($"{failed} test{(failed == 1 ? "" : "s")} failed: {string.Join(", ", _tracker.Tests.Where(test => test.Status == TestStatus.Failed).Select(test => test.Name))}");
            }
            if (summary.Kind == ProtocolLineKind.FailuresDetected && failed == 0)
            {
                problems.Add($"the kernel reported failures: {summary.Text}");
            }
            if (summary.Kind == ProtocolLineKind.SuitePassed && summary.Count != finalBoot.Count(test => test.Status == TestStatus.Passed))
            {
                problems.Add($"the summary counts {summary.Count} passed tests, the console showed {finalBoot.Count(test => test.Status == TestStatus.Passed)}");
            }
            int expectedExit = summary.Kind == ProtocolLineKind.SuitePassed ? 0 : 1;
            if (_exitCode is int code && code != expectedExit)
            {
                problems.Add($"QEMU's {ExitStatus.Describe(code)} does not match the summary (expected {expectedExit})");
            }
            AddMissingExpectedLines(problems);
            problems.AddRange(_tracker.ProtocolProblems);
            string recovery = _tracker.Resets.Count == 0 ? "" : $"; recovered after {_tracker.Resets.Count} reset{(_tracker.Resets.Count == 1 ? "" : "s")} (boot {_tracker.Boot})";
            int passed = _tracker.Tests.Count(test => test.Status == TestStatus.Passed);
            if (problems.Count == 0)
            {
                return Result(SuiteOutcome.Passed, $"{passed} test{(passed == 1 ? "" : "s")} passed{recovery}", "");
            }
            return Result(SuiteOutcome.Failed, $"{string.Join("; ", problems)}{recovery}", "");
        }

        /// <summary>A system suite's end: the machine powered off (on a board: every expected line came). It passes on
        /// the expected exit code, the expected lines and the components' own sel4test lines.</summary>
        private SuiteResult PoweredOff()
        {
            if (_exitCode is int code && code is not (0 or 1))
            {
                return Crash(); // system_init powers off with 0 or 1; any other code is QEMU's or the kernel's
            }
            SuiteResult components = ComponentConsoleSuite.FromLines(_suite.Name, _target.Name, _console!.Transcript());
            var problems = new List<string>();
            if (_exitCode is int exit && exit != _suite.ExpectedExitCode)
            {
                problems.Add($"the system powered off with exit code {exit} (expected {_suite.ExpectedExitCode})");
            }
            AddMissingExpectedLines(problems);
            List<TestCaseResult> failed = components.Tests.Where(test => test.Status != TestStatus.Passed).ToList();
            if (failed.Count > 0)
            {
                problems.Add($"{failed.Count} component test{(failed.Count == 1 ? "" : "s")} did not pass: {string.Join(", ", failed.Select(test => test.Name))}");
            }
            problems.AddRange(components.ProtocolProblems);
            problems.AddRange(_tracker.ProtocolProblems);
            string end = _exitCode is int powerOff ? $"powered off with exit code {powerOff}" : "every expected line came (a board has no exit code)";
            string tests = components.Tests.Count > 0 ? $"; {components.Summary}" : "";
            SuiteResult result = problems.Count == 0
                ? Result(SuiteOutcome.Passed, $"{end}{tests}", "")
                : Result(SuiteOutcome.Failed, string.Join("; ", problems), "");
            return result with { Tests = components.Tests, Checks = SystemChecks(components) };
        }

        /// <summary>What a system suite checked besides its components' tests, one entry per check (JUnit testcases).</summary>
        private List<SuiteCheck> SystemChecks(SuiteResult components)
        {
            var checks = new List<SuiteCheck>();
            if (_exitCode is int exit)
            {
                checks.Add(new SuiteCheck("exit code", exit == _suite.ExpectedExitCode,
                    $"the system powered off with exit code {exit} (expected {_suite.ExpectedExitCode}, the simulator's)"));
            }
            foreach (string expected in _suite.ExpectedLines)
            {
                bool came = !_tracker.MissingExpectedLines.Contains(expected);
                checks.Add(new SuiteCheck($"expected line '{expected}...'", came, came ? "it appeared" : "it never appeared on the console"));
            }
            List<string> protocol = [.. components.ProtocolProblems, .. _tracker.ProtocolProblems];
            checks.Add(new SuiteCheck("console protocol", protocol.Count == 0,
                protocol.Count == 0 ? "every result line belonged to a running test" : string.Join("\n", protocol)));
            return checks;
        }

        private void AddMissingExpectedLines(List<string> problems)
        {
            if (_tracker.MissingExpectedLines.Count > 0)
            {
                problems.Add($"expected line{(_tracker.MissingExpectedLines.Count == 1 ? "" : "s")} never appeared: {string.Join(", ", _tracker.MissingExpectedLines.Select(line => $"'{line}...'"))}");
            }
        }

        private string? DuringTest() => _tracker.CurrentTest;

        /// <summary>The panic dump if there is one, else the last console lines.</summary>
        private string LastLinesText() => string.Join('\n', _tracker.PanicLines ?? (IEnumerable<string>)_console!.LastLines(LastLinesShown));

        private SuiteResult Result(SuiteOutcome outcome, string summary, string details) => new()
        {
            Suite = _suite.Name,
            Target = _target.Name,
            ImagePath = _imagePath,
            Outcome = outcome,
            Summary = summary,
            Details = details,
            Tests = _tracker.Tests.ToArray(),
            Resets = _tracker.Resets.ToArray(),
            ExitCode = _exitCode,
            Transcript = _console!.Transcript(),
            MissingExpectedLines = _tracker.MissingExpectedLines.ToArray(),
            ProtocolProblems = _tracker.ProtocolProblems.ToArray(),
            QemuVersion = Qemu?.Qmp?.ServerVersion.ToString(),
            StartedAt = _startedAt,
            Elapsed = _clock.Elapsed,
        };

        private async Task PumpLinesAsync(SerialLineReader console, CancellationToken cancellationToken)
        {
            await foreach (string line in console.Lines.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _signals.Writer.TryWrite(new Signal(SignalKind.Line, line));
            }
            _signals.Writer.TryWrite(new Signal(SignalKind.ConsoleClosed));
        }

        private async Task PumpEventsAsync(QmpEventSubscription events, CancellationToken cancellationToken)
        {
            await foreach (QmpEvent received in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (received.Name == "RESET")
                {
                    _signals.Writer.TryWrite(new Signal(SignalKind.Reset, received.DataString("reason") ?? "reset"));
                }
            }
        }

        private async Task PumpExitAsync(QemuSession qemu, CancellationToken cancellationToken)
        {
            int exitCode = await qemu.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            _signals.Writer.TryWrite(new Signal(SignalKind.Exited, ExitCode: exitCode));
        }
    }
}
