using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Timelines;

/// <summary>
/// A timeline as one self-contained HTML page (no network: styles, script and data are inline). The page draws
/// it as SVG from the embedded data: a column per step, a lane per thread, each event a mark (one
/// <c>g.step</c> group per step), wake-ups and early or stale reads as arrows from the thread that caused them,
/// the cause step (where the failure began: an assertion, a monitor gone hot, a deadlock formed) highlighted,
/// scrolled to and its events shown; zoom with the buttons, + and -, or Ctrl+wheel; click a mark
/// for its details.
/// </summary>
public static class TimelineHtml
{
    public static string Render(Timeline timeline)
    {
        var lanes = timeline.Lanes.ToList();
        foreach (SimEvent e in timeline.Events)
        {
            if (!lanes.Contains(e.Thread)) lanes.Add(e.Thread);
        }
        var events = new JsonArray();
        foreach (SimEvent e in timeline.Events)
        {
            events.Add(new JsonObject
            {
                ["s"] = e.Step,
                ["k"] = e.Kind.ToString(),
                ["l"] = lanes.IndexOf(e.Thread),
                ["c"] = e.Core,
                ["x"] = e.Text,
                ["f"] = e.FromThread is null ? -1 : lanes.IndexOf(e.FromThread),
                ["fs"] = e.FromStep,
            });
        }
        var laneArray = new JsonArray();
        foreach (string lane in lanes)
        {
            int core = timeline.Events.Where(e => e.Thread == lane).Select(e => e.Core).DefaultIfEmpty(-1).First();
            laneArray.Add(new JsonObject { ["name"] = lane, ["core"] = core });
        }
        var details = new JsonArray();
        foreach (string detail in timeline.Details) details.Add(detail);
        var data = new JsonObject
        {
            ["title"] = timeline.Title,
            ["details"] = details,
            ["outcome"] = timeline.Outcome,
            ["isBug"] = timeline.IsBug,
            ["message"] = timeline.Message,
            ["report"] = timeline.Report,
            ["steps"] = timeline.Steps,
            ["causeStep"] = timeline.CauseStep,
            ["verdict"] = timeline.Verdict,
            ["lanes"] = laneArray,
            ["events"] = events,
        };
        // The default encoder escapes '<', '>' and '&', so no text in the data can end the script element.
        string json = data.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return Page.Replace("@TITLE@", WebUtility.HtmlEncode(timeline.Title), StringComparison.Ordinal)
            .Replace("@DATA@", json, StringComparison.Ordinal);
    }

    /// <summary>The page (TimelinePage.html, embedded): @TITLE@ and @DATA@ are replaced.</summary>
    private static readonly string Page = LoadPage();

    private static string LoadPage()
    {
        using Stream stream = typeof(TimelineHtml).Assembly.GetManifestResourceStream(PageResource)
            ?? throw new InvalidOperationException($"the timeline page resource '{PageResource}' is missing from {typeof(TimelineHtml).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string page = reader.ReadToEnd();
        // The file ends with a newline; the page as rendered never did.
        return page.EndsWith('\n') ? page[..^1] : page;
    }

    private const string PageResource = "Kaal.Sim.Timelines.TimelinePage.html";
}
