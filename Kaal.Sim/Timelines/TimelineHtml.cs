using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
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

    private const string Page = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kaal timeline: @TITLE@</title>
<style>
  body { margin: 0; font: 13px/1.4 system-ui, sans-serif; color: #222; background: #fff; }
  header { padding: 10px 14px 6px; border-bottom: 1px solid #ddd; }
  h1 { font-size: 16px; margin: 0 0 4px; }
  h1.bug { color: #b71c1c; } h1.ok { color: #1b5e20; }
  .meta { color: #555; }
  #message { font-family: ui-monospace, monospace; margin-top: 4px; }
  #verdict { font-weight: 600; margin-top: 4px; }
  #controls { padding: 6px 14px; border-bottom: 1px solid #ddd; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
  #controls button { font: inherit; padding: 2px 10px; }
  .legend { display: inline-flex; gap: 8px; flex-wrap: wrap; margin-left: 12px; color: #444; }
  #view { display: flex; border-bottom: 1px solid #ddd; }
  #lanes { flex: none; width: 180px; border-right: 1px solid #ddd; background: #fafafa; }
  #lanes div { box-sizing: border-box; padding: 0 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; display: flex; align-items: center; }
  #scroll { flex: 1; overflow-x: auto; overflow-y: hidden; }
  #timeline { display: block; }
  .lane-bg.odd { fill: #f4f6f8; } .lane-bg.even { fill: #ffffff; }
  .tick { fill: #777; font-size: 10px; } .tick-line { stroke: #e3e3e3; }
  .cause { fill: #ffcdd2; stroke: #d50000; stroke-width: 1.5; }
  .ev { stroke: #fff; stroke-width: 0.5; cursor: pointer; }
  .ev:hover, .ev.selected { stroke: #000; stroke-width: 1.5; }
  .label { font-size: 10px; fill: #000; pointer-events: none; }
  .arrow { fill: none; stroke-width: 1.4; }
  .arrow.Wake { stroke: #2e7d32; } .arrow.Load { stroke: #c2185b; stroke-dasharray: 4 2; }
  .k-Start { fill: #9e9e9e; } .k-Resume { fill: #bdbdbd; } .k-Preempt { fill: #ffb74d; } .k-Syscall { fill: #42a5f5; }
  .k-Block { fill: #37474f; } .k-Wake { fill: #66bb6a; } .k-Load { fill: #80deea; } .k-Store { fill: #ce93d8; }
  .k-Barrier { fill: #fdd835; } .k-Promise { fill: #ec407a; } .k-Finish { fill: #212121; } .k-Fail, .k-Fault { fill: #d50000; }
  .k-Check { fill: #8d6e63; } .k-Hot { fill: #ff6d00; } .k-Cold { fill: #00b0ff; } .k-Stuck { fill: #6a1b9a; }
  .k-Interrupt { fill: #a1887f; }
  .weak { stroke: #c2185b; stroke-width: 1.5; }
  #detail { padding: 8px 14px; font-family: ui-monospace, monospace; white-space: pre-wrap; min-height: 2em; }
  #report { padding: 0 14px 14px; font-family: ui-monospace, monospace; white-space: pre-wrap; color: #444; }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <div class="meta" id="details"></div>
  <div id="verdict"></div>
  <div id="message"></div>
</header>
<div id="controls">
  <button id="zoom-out" title="zoom out (-)">&minus;</button>
  <button id="zoom-in" title="zoom in (+)">+</button>
  <button id="fit" title="all steps in view">fit</button>
  <button id="to-cause" title="scroll to the step that caused the failure">cause</button>
  <span id="zoom"></span>
  <span class="legend" id="legend"></span>
</div>
<div id="view"><div id="lanes"></div><div id="scroll"><svg id="timeline" xmlns="http://www.w3.org/2000/svg"></svg></div></div>
<div id="detail">Click a mark for its details; Ctrl+wheel or + and - zoom.</div>
<div id="report"></div>
<script type="application/json" id="timeline-data">@DATA@</script>
<script>
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const svgNs = "http://www.w3.org/2000/svg";
  const laneHeight = 34, axisHeight = 22, markHeight = 20;
  const svg = document.getElementById("timeline");
  const scroll = document.getElementById("scroll");
  const detail = document.getElementById("detail");
  const kinds = ["Start", "Resume", "Preempt", "Syscall", "Block", "Wake", "Load", "Store", "Barrier", "Promise", "Finish", "Fail", "Fault", "Check", "Hot", "Cold", "Stuck", "Interrupt"];
  const byStep = new Map();
  for (const e of data.events) {
    if (!byStep.has(e.s)) byStep.set(e.s, []);
    byStep.get(e.s).push(e);
  }
  let stepWidth = Math.max(8, Math.min(40, Math.floor((window.innerWidth - 200) / Math.max(1, data.steps))));
  let selected = null;

  document.title = "kaal timeline: " + data.title;
  const title = document.getElementById("title");
  title.textContent = data.title;
  title.className = data.isBug ? "bug" : "ok";
  document.getElementById("details").textContent = data.details.join(" \u00b7 ");
  document.getElementById("verdict").textContent = data.verdict;
  document.getElementById("message").textContent = data.outcome + ": " + data.message;
  document.getElementById("report").textContent = data.report;
  const legend = document.getElementById("legend");
  for (const kind of kinds) {
    const item = document.createElement("span");
    const swatch = element("svg", { width: 10, height: 10 }, item);
    element("rect", { width: 10, height: 10, class: "k-" + kind }, swatch);
    item.appendChild(document.createTextNode(" " + kind));
    legend.appendChild(item);
  }

  const lanes = document.getElementById("lanes");
  const axis = document.createElement("div");
  axis.style.height = axisHeight + "px";
  axis.textContent = "step";
  lanes.appendChild(axis);
  for (const lane of data.lanes) {
    const row = document.createElement("div");
    row.style.height = laneHeight + "px";
    row.textContent = lane.name + (lane.core >= 0 ? " (core " + lane.core + ")" : "");
    lanes.appendChild(row);
  }

  function element(name, attributes, parent) {
    const node = document.createElementNS(svgNs, name);
    for (const key in attributes) node.setAttribute(key, attributes[key]);
    parent.appendChild(node);
    return node;
  }

  function laneCentre(lane) { return axisHeight + lane * laneHeight + laneHeight / 2; }

  function shortLabel(e) {
    if (e.k === "Syscall") return e.x.split("(")[0];
    const labels = { Load: "ld", Store: "st", Barrier: "dmb", Promise: "pr", Start: "go", Resume: "re", Preempt: "pre", Block: "blk", Wake: "wk", Finish: "end", Fail: "!", Fault: "!", Check: "chk", Hot: "hot", Cold: "cold", Stuck: "X", Interrupt: "irq" };
    return labels[e.k] || e.k;
  }

  function show(e, mark) {
    if (selected) selected.classList.remove("selected");
    selected = mark;
    mark.classList.add("selected");
    const lane = data.lanes[e.l];
    detail.textContent = "step " + e.s + ": " + lane.name + " (core " + e.c + ") " + e.x +
      (e.f >= 0 ? "\ncaused by " + data.lanes[e.f].name + " at step " + e.fs : "");
  }

  function render() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const width = Math.max(1, data.steps) * stepWidth + 40;
    const height = axisHeight + data.lanes.length * laneHeight + 4;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const defs = element("defs", {}, svg);
    for (const kind of ["Wake", "Load"]) {
      const marker = element("marker", { id: "head-" + kind, viewBox: "0 0 8 8", refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto" }, defs);
      element("path", { d: "M0,0 L8,4 L0,8 z", class: "k-" + kind }, marker);
    }
    data.lanes.forEach(function (lane, index) {
      element("rect", { x: 0, y: axisHeight + index * laneHeight, width: width, height: laneHeight, class: "lane-bg " + (index % 2 ? "odd" : "even") }, svg);
    });
    const every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find(function (n) { return n * stepWidth >= 48; }) || 10000;
    for (let step = 0; step < data.steps; step += every) {
      element("line", { x1: step * stepWidth, x2: step * stepWidth, y1: axisHeight - 4, y2: height, class: "tick-line" }, svg);
      element("text", { x: step * stepWidth + 2, y: axisHeight - 7, class: "tick" }, svg).textContent = step;
    }
    if (data.causeStep >= 0) {
      element("rect", { x: data.causeStep * stepWidth - 1, y: axisHeight - 2, width: stepWidth + 2, height: height - axisHeight + 2, class: "cause", "data-step": data.causeStep }, svg);
    }
    const marks = element("g", {}, svg);
    const arrows = element("g", {}, svg);
    for (const [step, events] of byStep) {
      const group = element("g", { class: "step", "data-step": step }, marks);
      const perLane = new Map();
      for (const e of events) perLane.set(e.l, (perLane.get(e.l) || 0) + 1);
      const used = new Map();
      for (const e of events) {
        const count = perLane.get(e.l), slot = used.get(e.l) || 0;
        used.set(e.l, slot + 1);
        const h = markHeight / count;
        const y = axisHeight + e.l * laneHeight + (laneHeight - markHeight) / 2 + slot * h;
        const weak = e.k === "Load" && e.x.indexOf("(reads ") >= 0;
        const mark = element("rect", { x: step * stepWidth + 1, y: y, width: Math.max(2, stepWidth - 2), height: h, class: "ev k-" + e.k + (weak ? " weak" : "") }, group);
        element("title", {}, mark).textContent = "step " + step + ": " + data.lanes[e.l].name + " " + e.x;
        mark.addEventListener("click", function () { show(e, mark); });
        if (stepWidth >= 24 && h >= 10) {
          element("text", { x: step * stepWidth + 3, y: y + h / 2 + 3, class: "label" }, group).textContent = shortLabel(e).slice(0, Math.floor(stepWidth / 6));
        }
        if (e.f >= 0 && e.fs >= 0) {
          const x1 = e.fs * stepWidth + stepWidth / 2, y1 = laneCentre(e.f);
          const x2 = step * stepWidth + (e.fs === step ? stepWidth : stepWidth / 2), y2 = laneCentre(e.l);
          const arrow = element("path", { d: "M" + x1 + "," + y1 + " L" + x2 + "," + y2, class: "arrow " + e.k, "marker-end": "url(#head-" + e.k + ")" }, arrows);
          element("title", {}, arrow).textContent = e.k === "Wake" ? data.lanes[e.f].name + " wakes " + data.lanes[e.l].name : data.lanes[e.l].name + " reads what " + data.lanes[e.f].name + " made visible at step " + e.fs;
        }
      }
    }
    document.getElementById("zoom").textContent = stepWidth.toFixed(stepWidth < 2 ? 2 : 0) + " px/step, " + data.steps + " steps";
  }

  function zoomTo(newWidth) {
    const centre = (scroll.scrollLeft + scroll.clientWidth / 2) / stepWidth;
    stepWidth = Math.max(0.05, Math.min(80, newWidth));
    render();
    scroll.scrollLeft = centre * stepWidth - scroll.clientWidth / 2;
  }

  function toCause() {
    if (data.causeStep >= 0) scroll.scrollLeft = data.causeStep * stepWidth - scroll.clientWidth / 2;
  }

  /** What happened at the cause step, in words, where a click on a mark would show it. */
  function describeCause() {
    const events = byStep.get(data.causeStep) || [];
    if (data.causeStep < 0 || events.length === 0) return;
    detail.textContent = "cause, step " + data.causeStep + ":\n" + events.map(function (e) { return "  " + data.lanes[e.l].name + " " + e.x; }).join("\n");
  }

  document.getElementById("zoom-in").addEventListener("click", function () { zoomTo(stepWidth * 1.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomTo(stepWidth / 1.5); });
  document.getElementById("fit").addEventListener("click", function () { zoomTo((scroll.clientWidth - 40) / Math.max(1, data.steps)); });
  document.getElementById("to-cause").addEventListener("click", toCause);
  document.getElementById("to-cause").disabled = data.causeStep < 0;
  document.addEventListener("keydown", function (event) {
    if (event.key === "+" || event.key === "=") zoomTo(stepWidth * 1.5);
    if (event.key === "-") zoomTo(stepWidth / 1.5);
  });
  scroll.addEventListener("wheel", function (event) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoomTo(stepWidth * (event.deltaY < 0 ? 1.25 : 0.8));
  }, { passive: false });
  render();
  toCause();
  describeCause();
})();
</script>
</body>
</html>
""";
}
