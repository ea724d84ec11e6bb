/* Why Chemo Stops Working: light and dark themes.
   The page follows the system setting (prefers-color-scheme) until the reader presses the
   header toggle; the choice is stored (localStorage, if the browser allows it) and set on
   <html data-theme>. CSS variables re-theme the page; the Bokeh plots are re-themed here by
   walking each widget's Bokeh document (backgrounds, grid, axes, titles, legends, ink-coloured
   labels), keeping the Okabe-Ito data colours. */
(function () {
  "use strict";
  var KEY = "mdr-theme", root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  /* Plot chrome per theme; the values match --paper, --ink, --muted and --line in style.css. */
  var PLOT = {
    light: { paper: "#ffffff", ink: "#1d2430", muted: "#4d5866", grid: "#e3e8ee", line: "#c3ccd6" },
    dark: { paper: "#1a2028", ink: "#e8ecf1", muted: "#b4bdc8", grid: "#2e3743", line: "#46515e" }
  };
  /* Label colours drawn in ink or grey swap to the theme's; the Okabe-Ito data colours stay. */
  var SWAP = { "#000000": "ink", "#222222": "ink", "#666666": "muted" };

  var GLYPH_SKIP = ["Grid", "Legend", "Title", "Toolbar", "LegendItem"];

  /* A glyph drawn in black, near-black or grey gets the theme's ink (or muted ink); its light colour is kept to restore. */
  function swapInk(m, prop, theme, c) {
    if (!has(m, prop)) { return; }
    var key = "__mdr_" + prop;
    if (m[key] === undefined) {
      var v = m[prop];
      m[key] = String(v && typeof v === "object" ? v.value : v).toLowerCase();
    }
    var role = SWAP[m[key]];
    if (role === "muted" && prop === "fill_color") { return; }  /* grey shading stays a faint veil in both themes */
    if (role) { m[prop] = theme === "dark" ? c[role] : m[key]; }
  }

  function stored() { try { return window.localStorage.getItem(KEY); } catch (e) { return null; } }
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "dark" || chosen === "light") { return chosen; }
    return system && system.matches ? "dark" : "light";
  }

  function has(model, name) { return Boolean(model && model.properties && name in model.properties); }
  function set(model, name, value) { if (has(model, name)) { model[name] = value; } }

  /* Re-colour one Bokeh document's chrome for a theme. */
  function themeDocument(doc, theme) {
    var c = PLOT[theme];
    doc.all_models.forEach(function (m) {
      if (has(m, "border_fill_color") && has(m, "outline_line_color")) {
        set(m, "background_fill_color", c.paper); set(m, "border_fill_color", c.paper);
        set(m, "outline_line_color", c.line);
      }
      if (has(m, "axis_label_text_color")) {
        ["axis_line_color", "major_tick_line_color", "minor_tick_line_color"].forEach(function (p) { set(m, p, c.muted); });
        set(m, "major_label_text_color", c.ink); set(m, "axis_label_text_color", c.ink);
      }
      if (m.type === "Grid") { set(m, "grid_line_color", c.grid); }
      if (m.type === "Legend") {
        set(m, "label_text_color", c.ink); set(m, "background_fill_color", c.paper);
        set(m, "border_line_color", c.line); set(m, "inactive_fill_color", c.paper);
      }
      if (m.type === "Title") { set(m, "text_color", c.ink); }
      if (GLYPH_SKIP.indexOf(m.type) < 0 && !has(m, "border_fill_color") && !has(m, "axis_label_text_color")) {
        ["text_color", "line_color", "fill_color"].forEach(function (p) { swapInk(m, p, theme, c); });
      }
    });
  }

  function themePlots(theme) {
    ((window.MDR && window.MDR.views) || []).forEach(function (view) { themeView(view, theme); });
  }
  function themeView(view, theme) {
    var docs = (window.Bokeh && window.Bokeh.documents) || [];
    docs.forEach(function (doc) {
      var mine = Array.from(doc.all_models).some(function (m) { return m.name && String(m.name).indexOf(view.config.id + "/") === 0; });
      if (mine) { themeDocument(doc, theme); }
    });
  }

  function apply(theme, remember) {
    root.setAttribute("data-theme", theme);
    if (remember) { try { window.localStorage.setItem(KEY, theme); } catch (e) { /* storage blocked (sandboxed iframe) */ } }
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) { b.setAttribute("aria-pressed", String(theme === "dark")); });
    var meta = document.querySelector('meta[name="color-scheme"]');
    if (meta) { meta.setAttribute("content", theme); }
    themePlots(theme);
  }

  function init() {
    var choice = stored();
    if (choice === "dark" || choice === "light") { root.setAttribute("data-theme", choice); }
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", String(current() === "dark"));
      button.addEventListener("click", function () { apply(current() === "dark" ? "light" : "dark", true); });
    });
    if (system && system.addEventListener) {
      system.addEventListener("change", function () { if (!stored()) { themePlots(current()); } });
    }
    document.addEventListener("mdr:ready", function (event) {
      if (current() === "dark") { themeView(event.detail.view, "dark"); }
    });
  }

  window.MDRTheme = { current: current, apply: apply, themeDocument: themeDocument };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
