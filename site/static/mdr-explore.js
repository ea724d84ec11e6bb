/* Why Chemo Stops Working: plots everyone can read. Under each plot with axes: a data table that
   follows the sliders (in a <details>, opened for print), keyboard exploration of each curve with
   the values announced and the point ringed on the plot, and "play as sound" (pitch follows the value). Live and static alike: it
   listens to mdr:ready / mdr:updated and reads the figures' words from the RuntimeModel
   (widgets/framework/contract.py); its own words come from PageConfig.words (explore.* in site.yaml).
   Sound is a small Web Audio sweep rather than chart2music (57 KB gzip with its own keyboard layer
   and built-in English words): one oscillator whose frequency is scheduled point by point. */
(function () {
  "use strict";
  var MAX_ROWS = 25, LOW_HZ = 220, OCTAVES = 2.5, SWEEP_S = 2.5, SERIES_KINDS = { line: 1, points: 1 };
  var MARKER_KINDS = { points: 1, vline: 1, hline: 1 };
  var audio = { context: null, playing: null };

  function words() { return window.MDR.page.words || {}; }
  function fill(key, values) { return window.MDR.renderTemplate(words()[key] || "", values); }
  function esc(text) { return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function number(v, log) { return window.MDR.formatValue(v, log && Math.abs(v) >= 1e4 ? "sci" : ""); }

  /* ---------- the data behind a figure ---------- */
  function visible(data) { return !data.alpha || data.alpha.some(function (a) { return a > 0; }); }
  /* The data each glyph was last drawn from (WidgetView.drawn): the tools never work it out again. */
  function series(fig, drawn) {
    var out = [];
    fig.glyphs.forEach(function (glyph, i) {
      if (!SERIES_KINDS[glyph.kind] || !glyph.legend) { return; }
      var data = drawn[fig.name + ":" + i], points = [];
      if (!visible(data)) { return; }
      data.x.forEach(function (x, i) { if (isFinite(x) && isFinite(data.y[i])) { points.push([x, data.y[i]]); } });
      if (points.length) { out.push({ name: glyph.legend, xKey: glyph.x, kind: glyph.kind, points: points }); }
    });
    return out;
  }
  function thinned(count) {
    if (count <= MAX_ROWS) { return Array.from({ length: count }, function (_, i) { return i; }); }
    var picks = [];
    for (var k = 0; k < MAX_ROWS; k++) { var i = Math.round(k * (count - 1) / (MAX_ROWS - 1)); if (picks.indexOf(i) < 0) { picks.push(i); } }
    return picks;
  }
  function markers(fig, drawn) {
    var rows = [];
    fig.glyphs.forEach(function (glyph, i) {
      if (!MARKER_KINDS[glyph.kind] || !glyph.legend) { return; }
      var data = drawn[fig.name + ":" + i];
      if (!visible(data)) { return; }
      if (glyph.kind === "vline") { rows.push([glyph.legend, data.x[0], null]); }
      else if (glyph.kind === "hline") { rows.push([glyph.legend, null, data.y[0]]); }
      else if (data.x.length === 1) { rows.push([glyph.legend, data.x[0], data.y[0]]); }
    });
    return rows;
  }

  /* ---------- (a) data tables ---------- */
  function lineTables(fig, list) {
    var groups = [], html = "";
    list.forEach(function (s) {
      if (s.kind !== "line") { return; }
      var group = groups.filter(function (g) { return g.xKey === s.xKey && g.series[0].points.length === s.points.length; })[0];
      if (group) { group.series.push(s); } else { groups.push({ xKey: s.xKey, series: [s] }); }
    });
    groups.forEach(function (g) {
      var count = g.series[0].points.length, rows = thinned(count);
      html += "<table><caption>" + esc(fig.title) + " (" + esc(fill("shown", { shown: rows.length, count: String(count) })) + ")</caption><thead><tr>" +
        '<th scope="col">' + esc(fig.x_label) + "</th>" +
        g.series.map(function (s) { return '<th scope="col">' + esc(s.name) + "</th>"; }).join("") + "</tr></thead><tbody>" +
        rows.map(function (i) {
          return '<tr><th scope="row">' + esc(number(g.series[0].points[i][0], fig.x_log)) + "</th>" +
            g.series.map(function (s) { return "<td>" + esc(number(s.points[i][1], fig.y_log)) + "</td>"; }).join("") + "</tr>";
        }).join("") + "</tbody></table>";
    });
    return html;
  }
  function markerTable(fig, rows) {
    if (!rows.length) { return ""; }
    function cell(v, log) { return "<td>" + (v === null ? "–" : esc(number(v, log))) + "</td>"; }
    return "<table><caption>" + esc(fill("markers", { title: fig.title })) + "</caption><thead><tr>" +
      '<th scope="col">' + esc(words().series || "") + '</th><th scope="col">' + esc(fig.x_label) + '</th><th scope="col">' + esc(fig.y_label) + "</th></tr></thead><tbody>" +
      rows.map(function (r) { return '<tr><th scope="row">' + esc(r[0]) + "</th>" + cell(r[1], fig.x_log) + cell(r[2], fig.y_log) + "</tr>"; }).join("") +
      "</tbody></table>";
  }

  /* ---------- (b) keyboard exploration ---------- */
  function Explorer(tool) { this.tool = tool; this.s = 0; this.p = 0; }
  Explorer.prototype.clamp = function () {
    var list = this.tool.series;
    this.s = Math.max(0, Math.min(this.s, list.length - 1));
    this.p = list.length ? Math.max(0, Math.min(this.p, list[this.s].points.length - 1)) : 0;
  };
  Explorer.prototype.current = function () { this.clamp(); return this.tool.series[this.s] || null; };
  Explorer.prototype.announce = function () {
    var s = this.current(), fig = this.tool.fig, text;
    if (!s) { text = words().empty || ""; }
    else {
      var pt = s.points[this.p];
      text = fill("point", { series: s.name, index: String(this.p + 1), count: String(s.points.length), x_label: fig.x_label,
                             y_label: fig.y_label, x: number(pt[0], fig.x_log), y: number(pt[1], fig.y_log) });
    }
    this.tool.now.textContent = text;
    this.mark(s ? s.points[this.p] : null);
    return text;
  };
  /* A ring on the plot at the point being read, for sighted keyboard readers (gone when focus leaves). */
  Explorer.prototype.mark = function (pt) {
    var ring = this.tool.ring;
    if (!ring) { return; }
    var d = pt && this.tool.focused ? window.MDR.model.glyphShape({ kind: "points" }, this.tool.fig, { x: [pt[0]], y: [pt[1]], alpha: [1] }).d : "";
    ring.querySelectorAll("path").forEach(function (path) { path.setAttribute("d", d); });
  };
  Explorer.prototype.switchSeries = function (step) {
    var from = this.current();
    if (!from) { return; }
    var x = from.points[this.p][0];
    this.s = (this.s + step + this.tool.series.length) % this.tool.series.length;
    var to = this.tool.series[this.s], best = 0;
    to.points.forEach(function (pt, i) { if (Math.abs(pt[0] - x) < Math.abs(to.points[best][0] - x)) { best = i; } });
    this.p = best;
  };
  Explorer.prototype.key = function (event) {
    var s = this.current(), step = s ? Math.max(1, Math.round(s.points.length / 20)) : 1;
    var moves = { ArrowRight: 1, ArrowLeft: -1, PageUp: step, PageDown: -step };
    if (event.key in moves) { this.p += moves[event.key]; }
    else if (event.key === "Home") { this.p = 0; }
    else if (event.key === "End") { this.p = s ? s.points.length - 1 : 0; }
    else if (event.key === "ArrowUp") { this.switchSeries(-1); }
    else if (event.key === "ArrowDown") { this.switchSeries(1); }
    else if (event.key === " " || event.key === "Enter") { play(this.tool); }
    else { return; }
    event.preventDefault();
    this.announce();
  };

  /* ---------- (c) sound ---------- */
  function pitch(v, fig) {
    var lo = fig.y_range[0], hi = fig.y_range[1];
    var t = fig.y_log ? (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    return LOW_HZ * Math.pow(2, OCTAVES * Math.max(0, Math.min(1, t)));
  }
  function stop() {
    var p = audio.playing;
    if (!p) { return; }
    audio.playing = null;
    try { p.osc.stop(); } catch (e) { /* already stopped */ }
    p.tool.play.setAttribute("aria-pressed", "false");
    p.tool.root.removeAttribute("data-sound");
  }
  function play(tool) {
    var was = audio.playing && audio.playing.tool === tool;
    stop();
    if (was) { return; }
    var s = tool.explorer.current(), Ctx = window.AudioContext || window.webkitAudioContext;
    if (!s) { return; }
    if (!Ctx) { tool.now.textContent = words().no_audio || ""; return; }
    audio.context = audio.context || new Ctx();
    var ctx = audio.context, osc = ctx.createOscillator(), gain = ctx.createGain(), t0 = ctx.currentTime + 0.05;
    var dt = SWEEP_S / Math.max(1, s.points.length - 1);
    if (ctx.state === "suspended") { ctx.resume(); }
    osc.type = "triangle";
    s.points.forEach(function (pt, i) { osc.frequency.setValueAtTime(pitch(pt[1], tool.fig), t0 + i * dt); });
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.15, t0 + 0.05);
    gain.gain.setValueAtTime(0.15, t0 + SWEEP_S);
    gain.gain.linearRampToValueAtTime(0, t0 + SWEEP_S + 0.1);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + SWEEP_S + 0.15);
    audio.playing = { tool: tool, osc: osc };
    osc.onended = function () { if (audio.playing && audio.playing.osc === osc) { stop(); } };
    tool.play.setAttribute("aria-pressed", "true");
    tool.root.setAttribute("data-sound", "playing");
    tool.now.textContent = fill("playing", { series: s.name, y_label: tool.fig.y_label });
  }

  /* ---------- one figure's tools, and a widget's ---------- */
  function figureTool(view, fig) {
    var written = view.root.querySelector('.plot-tools[data-figure="' + fig.name + '"]');
    return written ? bindTool(written, fig) : null;  /* the markup is written by partials/widget.html */
  }
  function bindTool(root, fig) {
    var explore = root.querySelector(".plot-explore"), now = root.querySelector(".plot-explore-now");
    var playButton = root.querySelector(".plot-sound"), tables = root.querySelector(".plot-table-body");
    var tool = { root: root, fig: fig, now: now, play: playButton, tables: tables, series: [] };
    tool.explorer = new Explorer(tool);
    tool.ring = focusRing(root.parentNode.querySelector(".plot-dots"));
    explore.addEventListener("keydown", function (event) { tool.explorer.key(event); });
    explore.addEventListener("focus", function () { tool.focused = true; tool.explorer.announce(); });
    explore.addEventListener("blur", function () { tool.focused = false; tool.explorer.mark(null); });
    playButton.addEventListener("click", function () { play(tool); });
    return tool;
  }
  function focusRing(layer) {
    if (!layer) { return null; }
    var ns = "http://www.w3.org/2000/svg", ring = document.createElementNS(ns, "g");
    ring.setAttribute("class", "plot-focus");
    ["plot-focus-halo", "plot-focus-dot"].forEach(function (name) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("class", name);
      ring.appendChild(path);
    });
    layer.appendChild(ring);
    return ring;
  }
  function refresh(view) {
    (view.plotTools || []).forEach(function (tool) {
      tool.series = series(tool.fig, view.drawn);
      tool.tables.innerHTML = lineTables(tool.fig, tool.series) + markerTable(tool.fig, markers(tool.fig, view.drawn));
      if (tool.now.textContent && !tool.root.hasAttribute("data-sound")) { tool.explorer.announce(); }
    });
  }
  function attach(view) {
    if (view.plotTools) { return; }
    view.plotTools = view.model.figures.filter(function (f) { return f.axes; }).map(function (fig) { return figureTool(view, fig); }).filter(Boolean);
    refresh(view);
  }

  document.addEventListener("mdr:ready", function (event) { attach(event.detail.view); });
  document.addEventListener("mdr:updated", function (event) { if (event.detail.view.plotTools) { refresh(event.detail.view); } });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.plot-table:not([open])").forEach(function (d) { d.setAttribute("open", ""); d.setAttribute("data-print-opened", ""); });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) { d.removeAttribute("open"); d.removeAttribute("data-print-opened"); });
  });
  function attachStarted() { ((window.MDR && window.MDR.views) || []).forEach(function (v) { if (v.outputs) { attach(v); } }); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", attachStarted); } else { attachStarted(); }
  window.MDRExplore = { audio: audio, series: series, thinned: thinned };
})();
