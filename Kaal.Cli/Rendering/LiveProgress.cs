using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Spectre.Console;

namespace Kaal.Cli.Rendering;

/// <summary>What a running command tells its progress display: how much is done (of the total it was started with)
/// and a short status. Callable from any thread.</summary>
internal interface IProgressLine
{
    void Update(double done, string status);
}

/// <summary>
/// A live progress bar (Spectre.Console) on a terminal, cleared when the work ends; in plain text either nothing or,
/// when <c>plainEvery</c> is given, the status as a plain line at most that often (a log shows a long run is alive).
/// Nothing else may write to the console while the bar is live; the work's results are printed after it.
/// </summary>
internal static class LiveProgress
{
    public static T Run<T>(IAnsiConsole console, string title, double total, TimeSpan? plainEvery, Func<IProgressLine, T> work)
    {
        if (!console.Profile.Capabilities.Interactive) return work(new PlainLine(console, title, plainEvery));
        return Bar(console).Start(context => work(new BarLine(context.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1)), title, total)));
    }

    public static Task<T> RunAsync<T>(IAnsiConsole console, string title, double total, Func<IProgressLine, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive) return work(new PlainLine(console, title, null));
        return Bar(console).StartAsync(context => work(new BarLine(context.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1)), title, total)));
    }

    private static Progress Bar(IAnsiConsole console) => console.Progress().AutoClear(true)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn());

    private sealed class BarLine : IProgressLine
    {
        private readonly ProgressTask _task;
        private readonly string _title;

        public BarLine(ProgressTask task, string title, double total)
        {
            _task = task;
            _title = title;
            // No total (a suite whose test count is unknown): a moving bar instead of a percentage.
            _task.IsIndeterminate = total <= 0;
        }

        public void Update(double done, string status)
        {
            _task.Value = done;
            _task.Description = Markup.Escape($"{_title}: {status}");
        }
    }

    private sealed class PlainLine(IAnsiConsole console, string title, TimeSpan? every) : IProgressLine
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastPrinted;

        public void Update(double done, string status)
        {
            if (every is not TimeSpan interval) return;
            lock (_clock)
            {
                if (_clock.Elapsed - _lastPrinted < interval) return;
                _lastPrinted = _clock.Elapsed;
                Terminal.Line(console, $"  {title}: {status}", Style.Plain);
            }
        }
    }
}
