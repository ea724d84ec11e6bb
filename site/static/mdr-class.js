/* Why Chemo Stops Working: teachers' tools. "Use in my class" panels (a link to exactly what is on
   screen, its QR code drawn here by the vendored qrcode-generator, the embed code, a reset), preset
   links with QR codes on teacher pages, and print buttons. Words come from data attributes rendered
   from content/strings/en/site.yaml (classroom.*). Listens to mdr:ready / mdr:updated from mdr.js. */
(function () {
  "use strict";
  var M = window.MDRModel;

  function views() { return (window.MDR && window.MDR.views) || []; }
  function viewFor(id) { return views().filter(function (v) { return v.config.id === id; })[0]; }
  function here() { return window.location.href.split(/[?#]/)[0]; }
  function escapeAttr(s) { return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  /* Parity: embed_snippet() in lessons/classroom.py writes the same markup. */
  function snippet(src, title, height) {
    return '<iframe src="' + escapeAttr(src) + '" title="' + escapeAttr(title) + '" width="100%" height="' + height + '"></iframe>';
  }

  /* The query of this page with every widget's state (only values that differ from each start). */
  function stateQuery(search) {
    views().forEach(function (v) { search = M.queryWithState(v.model, v.values, v.config.values, v.prefix, search); });
    return search;
  }
  function withoutState(search) {
    views().forEach(function (v) { search = M.queryWithState(v.model, v.config.values, v.config.values, v.prefix, search); });
    return search;
  }
  /* A widget alone: its embed page with the values that differ from the widget's defaults. */
  function embedUrl(view, href) {
    var defaults = {};
    view.model.params.forEach(function (p) { defaults[p.name] = p.default; });
    return href + M.queryWithState(view.model, view.values, defaults, "", "");
  }

  var QR_SOURCE = document.currentScript && document.currentScript.getAttribute("data-qrcode"), qrLoading = null;
  function qrLibrary() {
    if (!qrLoading) {
      qrLoading = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = QR_SOURCE; el.onload = resolve; el.onerror = reject;
        document.head.appendChild(el);
      });
    }
    return qrLoading;
  }

  function drawQr(box, text) {
    if (!box) { return; }
    if (!window.qrcode) { qrLibrary().then(function () { drawQr(box, text); }, function () {}); return; }
    if (box.getAttribute("data-qr-text") === text) { return; }
    box.setAttribute("data-qr-text", text);
    try {
      var qr = window.qrcode(0, "M");
      qr.addData(text);
      qr.make();
      box.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true });
      box.removeAttribute("data-qr-failed");
    } catch (e) {
      box.textContent = box.getAttribute("data-too-long");
      box.setAttribute("data-qr-failed", "true");
    }
  }

  function say(panel, key) {
    var status = panel.querySelector("[data-class-status]");
    if (status) { status.textContent = status.getAttribute(key); }
  }
  function copy(panel, field) {
    function fallback() {
      field.focus(); field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      say(panel, ok ? "data-copied" : "data-failed");
    }
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { say(panel, "data-copied"); }, fallback);
        return;
      }
    } catch (e) { /* clipboard blocked (sandboxed frame) */ }
    fallback();
  }

  /* ---------- one panel (widget or lesson) ---------- */
  function panelUrl(panel) {
    if (panel.getAttribute("data-class-panel") === "lesson") {
      var keep = panel.querySelector("[data-class-state]");
      var query = new URLSearchParams(keep && !keep.checked ? withoutState(window.location.search) : stateQuery(window.location.search));
      var reader = panel.querySelector("[data-class-reader]:checked");
      query.delete("reader");
      if (reader && reader.value) { query.set("reader", reader.value); }
      var text = query.toString();
      return here() + (text ? "?" + text : "");
    }
    var view = viewFor(panel.getAttribute("data-instance"));
    var target = panel.querySelector("[data-class-target]:checked");
    var embed = panel.querySelector("a[data-class-href]");
    if (!view) { return here(); }
    if (target && target.value === "embed" && embed) { return withQuestion(panel, embedUrl(view, embed.href), "", null); }
    return withQuestion(panel, here() + stateQuery(window.location.search), view.prefix, view.config.question) + "#" + view.config.id;
  }
  /* The prediction question the teacher chose (?<key>.predict=; "0" for none), never the teacher's own guess. */
  function withQuestion(panel, url, prefix, fallback) {
    var choice = panel.querySelector("[data-class-question]:checked"), parts = url.split("?");
    var query = new URLSearchParams(parts[1] || "");
    query.delete(prefix + "guess");
    query.delete(prefix + "predict");
    if (choice && choice.value !== fallback) { query.set(prefix + "predict", choice.value); }
    var text = query.toString();
    return parts[0] + (text ? "?" + text : "");
  }
  function refresh(panel) {
    if (!panel.open) { return; }
    var url = panelUrl(panel), link = panel.querySelector("[data-class-link]"), code = panel.querySelector("[data-class-embed]");
    var height = panel.getAttribute("data-embed-height"), title = panel.getAttribute("data-embed-title");
    var target = panel.querySelector("[data-class-target]:checked");
    var embedSource = panel.getAttribute("data-class-panel") === "widget" && viewFor(panel.getAttribute("data-instance"))
      ? withQuestion(panel, embedUrl(viewFor(panel.getAttribute("data-instance")), panel.querySelector("a[data-class-href]").href), "", null) : url;
    if (link) { link.value = url; }
    if (code) { code.value = snippet(embedSource, title, height); }
    drawQr(panel.querySelector("[data-class-qr]"), url);
    panel.setAttribute("data-class-url", url);
    if (target) { panel.setAttribute("data-class-target-value", target.value); }
  }
  function reset(panel) {
    var targets = panel.getAttribute("data-class-panel") === "lesson" ? views() : [viewFor(panel.getAttribute("data-instance"))];
    targets.forEach(function (v) {
      if (!v) { return; }
      v.setValues(Object.assign({}, v.config.values));
      var presets = v.root.querySelector("[data-presets]");
      if (presets) { presets.value = ""; }
    });
    refresh(panel);
  }
  function initPanel(panel) {
    var reader = new URLSearchParams(window.location.search).get("reader");
    var choice = reader && panel.querySelector('[data-class-reader][value="' + reader.replace(/[^a-z]/g, "") + '"]');
    if (choice) { choice.checked = true; }  /* the link starts as the reader sees the page now */
    panel.addEventListener("toggle", function () { refresh(panel); });
    panel.addEventListener("change", function (event) {
      if (event.target.matches("[data-class-target], [data-class-reader], [data-class-state], [data-class-question]")) { refresh(panel); }
    });
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !panel.contains(button)) { return; }
      if (button.hasAttribute("data-class-reset")) { reset(panel); }
      var which = button.getAttribute("data-class-copy");
      if (which) { refresh(panel); copy(panel, panel.querySelector(which === "embed" ? "[data-class-embed]" : "[data-class-link]")); }
    });
  }

  /* ---------- preset links on teacher pages ---------- */
  function initPreset(item) {
    var link = item.querySelector("a[data-class-href]"), code = item.querySelector("[data-class-embed]");
    drawQr(item.querySelector("[data-class-qr]"), link.href);
    if (code) { code.value = snippet(link.href, item.getAttribute("data-embed-title"), item.getAttribute("data-embed-height")); }
  }

  var timer = null;
  function refreshAll() {
    clearTimeout(timer);
    timer = setTimeout(function () { document.querySelectorAll("details[data-class-panel]").forEach(refresh); }, 150);
  }

  function start() {
    document.querySelectorAll("details[data-class-panel]").forEach(initPanel);
    document.querySelectorAll("[data-class-preset]").forEach(initPreset);
    document.querySelectorAll("[data-class-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
    document.addEventListener("mdr:updated", refreshAll);
    document.addEventListener("mdr:ready", refreshAll);
    window.MDR = window.MDR || {};
    window.MDR.classroom = { snippet: snippet, panelUrl: panelUrl };
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
