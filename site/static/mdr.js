/* Why Chemo Stops Working: the browser runtime.
   Reader switch, quizzes, and widgets that interpolate a precomputed model grid (static) or
   show the Python model's exact outputs (live). The JSON it reads is the runtime contract in
   widgets/framework/contract.py; the pure functions it uses are in mdr-model.js. */
(function () {
  "use strict";
  var READER_KEY = "mdr-reader";
  var PAGE = readJson(document.getElementById("mdr-page")) || { locale: { code: "en", decimal: ".", group: ",", min_grouping: 2, plural: "en" }, live: null, words: {} };

  function readJson(el) { try { return el ? JSON.parse(el.textContent) : null; } catch (e) { return null; } }

  /* ---------- reader (audience) switch ---------- */
  function storedReader() { try { return window.localStorage.getItem(READER_KEY); } catch (e) { return null; } }
  function setReader(choice, remember) {
    var readers = [].map.call(document.querySelectorAll("[data-reader-choice]"), function (b) { return b.getAttribute("data-reader-choice"); });
    if (readers.indexOf(choice) < 0) { choice = readers[0]; }  /* AUDIENCES, lessons/parse.py */
    document.documentElement.setAttribute("data-reader", choice);
    document.querySelectorAll("[data-reader-choice]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-reader-choice") === choice));
    });
    if (remember) { try { window.localStorage.setItem(READER_KEY, choice); } catch (e) { /* storage blocked */ } }
  }
  function initReaderSwitch() {
    var group = document.querySelector(".audience-switch");
    if (!group) { return; }
    group.hidden = false;
    var fromUrl = new URLSearchParams(window.location.search).get("reader");
    setReader(fromUrl || storedReader(), Boolean(fromUrl));
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-reader-choice]");
      if (button) { setReader(button.getAttribute("data-reader-choice"), true); }
    });
  }

  /* ---------- quizzes ---------- */
  function initQuizzes() {
    document.querySelectorAll(".quiz fieldset").forEach(function (set) {
      var feedback = set.querySelector(".feedback");
      set.addEventListener("change", function (event) {
        var right = event.target.getAttribute("data-correct") === "true";
        feedback.textContent = (right ? PAGE.words.right : PAGE.words.wrong) + " " + event.target.getAttribute("data-feedback");
        feedback.className = "feedback " + (right ? "right" : "wrong");
      });
    });
  }

  /* ---------- the side table of contents marks the section being read ---------- */
  function initTocFollow() {
    var links = Array.from(document.querySelectorAll(".toc-side a[href^='#']"));
    if (!links.length) { return; }
    var pending = false;
    function mark() {
      pending = false;
      var line = window.innerHeight * 0.3, current = null;
      links.forEach(function (a) {
        var heading = document.getElementById(a.getAttribute("href").slice(1));
        if (heading && heading.offsetParent !== null && heading.getBoundingClientRect().top <= line) { current = a; }
      });
      links.forEach(function (a) { if (a === current) { a.setAttribute("aria-current", "location"); } else { a.removeAttribute("aria-current"); } });
    }
    function soon() { if (!pending) { pending = true; window.requestAnimationFrame(mark); } }
    window.addEventListener("scroll", soon, { passive: true });
    document.addEventListener("click", function (event) { if (event.target.closest("[data-reader-choice]")) { soon(); } });
    mark();
  }

  var M = window.MDRModel;
  function formatValue(v, fmt) { return M.formatValue(v, fmt, PAGE.locale); }
  function renderTemplate(template, values) { return M.renderTemplate(template, values, PAGE.locale); }
  var interpolate = M.interpolate, glyphData = M.glyphData, glyphShape = M.glyphShape, valuesFromQuery = M.valuesFromQuery, queryWithState = M.queryWithState;

  var urlTimer = null;
  function scheduleUrlWrite(views) {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      var search = window.location.search;
      views.forEach(function (v) { search = queryWithState(v.model, v.values, v.config.values, v.prefix, search); });
      try { window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash); } catch (e) { /* sandboxed or file:// */ }
    }, 300);
  }

  /* ---------- live channel: the Python model's exact outputs over one WebSocket ---------- */
  function LiveChannel(views) {
    this.views = views; this.socket = null; this.delay = 1000; this.next = 1; this.latest = {};
    this.connect();
  }
  LiveChannel.prototype.connect = function () {
    var self = this, url = new URL(PAGE.live, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    try { this.socket = new WebSocket(url.href); } catch (e) { this.retry(); return; }
    this.socket.onopen = function () { self.delay = 1000; self.views.forEach(function (v) { v.setOnline(true); self.request(v); }); };
    this.socket.onmessage = function (event) {
      var reply = readJson({ textContent: event.data });
      var view = reply && self.views.filter(function (v) { return v.config.id === reply.instance; })[0];
      if (view && reply.id === self.latest[reply.instance]) { view.show(reply.outputs, "live"); }
    };
    this.socket.onclose = function (event) {
      /* The server closes a socket idle for long with code 4000: stay quiet, reconnect on the next move. */
      if (event.code === 4000) { self.socket = null; return; }
      self.views.forEach(function (v) { v.setOnline(false); }); self.retry();
    };
  };
  LiveChannel.prototype.retry = function () {
    var self = this;
    setTimeout(function () { self.connect(); }, this.delay);
    this.delay = Math.min(this.delay * 2, 15000);
  };
  LiveChannel.prototype.request = function (view) {
    if (!this.socket) { this.connect(); return; }
    if (this.socket.readyState !== 1) { return; }
    var id = this.next++;
    this.latest[view.config.id] = id;
    this.socket.send(JSON.stringify({ id: id, instance: view.config.id, widget: view.config.widget, values: view.values }));
  };

  /* ---------- one widget instance ---------- */
  function WidgetView(root, config, model) {
    this.root = root; this.config = config; this.model = model;
    this.prefix = config.url_key ? config.url_key + "." : "";
    this.values = valuesFromQuery(model, config.values, this.prefix, window.location.search);
    this.glyphs = {}; this.drawn = {}; this.live = null; this.onChange = function () {};
  }
  WidgetView.prototype.readControls = function () {
    var values = this.values;
    this.root.querySelectorAll("[data-param]").forEach(function (input) {
      if (input.type !== "radio" || input.checked) { values[input.getAttribute("data-param")] = Number(input.value); }
    });
  };
  WidgetView.prototype.writeControls = function () {
    var values = this.values;
    this.root.querySelectorAll("[data-param]").forEach(function (input) {
      var v = values[input.getAttribute("data-param")];
      if (input.type === "radio") { input.checked = Number(input.value) === v; } else { input.value = String(v); }
    });
  };
  WidgetView.prototype.show = function (outputs, source) {
    var all = Object.assign({}, this.values, outputs), self = this;
    this.model.figures.forEach(function (fig) {
      fig.glyphs.forEach(function (glyph, i) {
        var key = fig.name + ":" + i, data = glyphData(glyph, fig, all);
        self.drawn[key] = data;
        if (self.glyphs[key]) { drawGlyph(self.glyphs[key], glyphShape(glyph, fig, data)); }
      });
    });
    this.model.readouts.forEach(function (r) {
      var el = self.root.querySelector('[data-readout="' + r.key + '"]');
      if (el) {
        el.textContent = formatValue(all[r.key], r.fmt);
        el.closest("div").hidden = Boolean(r.shown) && renderTemplate(r.shown, all) !== "1";  // Readout.shown
      }
    });
    this.model.params.forEach(function (p) {
      var v = self.values[p.name], text = p.options.length ? p.options[Math.round(v)] : formatValue(v, p.fmt);
      var out = self.root.querySelector('[data-output="' + p.name + '"]');
      if (out) { out.textContent = text; }
      var input = self.root.querySelector('input[type=range][data-param="' + p.name + '"]');
      if (input) { input.setAttribute("aria-valuetext", text + (p.unit ? " " + p.unit : "")); }
    });
    var desc = this.root.querySelector(".widget-describe"), sentence = renderTemplate(this.model.sentence, all);
    if (desc && desc.textContent !== sentence) { desc.textContent = sentence; }
    this.outputs = all;
    this.root.setAttribute("data-source", source);
    this.root.dispatchEvent(new CustomEvent("mdr:updated", { bubbles: true, detail: { source: source, view: this } }));
  };
  WidgetView.prototype.update = function () {
    var t0 = performance.now();
    this.show(interpolate(this.model, this.values), "grid");
    this.root.setAttribute("data-update-ms", (performance.now() - t0).toFixed(3));
    if (this.live) { this.live.request(this); }
  };
  WidgetView.prototype.setOnline = function (online) {
    var status = this.root.querySelector(".widget-status");
    this.root.setAttribute("data-live", online ? "online" : "offline");
    if (status) { status.hidden = online; status.textContent = online ? "" : PAGE.words.offline; }
  };
  WidgetView.prototype.bind = function () {
    var self = this, form = this.root.querySelector(".widget-controls");
    function changed() { self.readControls(); self.update(); self.onChange(); }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) { if (!event.target.hasAttribute("data-presets")) { changed(); } });
    form.addEventListener("change", function (event) {
      if (!event.target.hasAttribute("data-presets")) { changed(); return; }
      var preset = self.model.presets[event.target.value];
      if (preset) { self.setValues(preset); }
    });
  };
  WidgetView.prototype.start = function () {
    var self = this;
    this.root.querySelectorAll("[data-glyph]").forEach(function (el) { self.glyphs[el.getAttribute("data-glyph")] = el; });
    this.writeControls();
    this.update();
    this.bind();
    this.root.setAttribute("data-ready", "true");
    this.root.dispatchEvent(new CustomEvent("mdr:ready", { bubbles: true, detail: { view: this } }));
  };

  /* Move one glyph's element to its shape (plot_drawing.py wrote the first frame the same way). */
  function drawGlyph(el, shape) {
    if (shape.d === undefined) {
      if (!el.hasAttribute("data-pin")) { el.style.left = shape.left; }
      el.style.top = shape.top; el.style.opacity = String(shape.opacity);
      return;
    }
    (el.tagName.toLowerCase() === "g" ? el.querySelectorAll("path") : [el]).forEach(function (path) { path.setAttribute("d", shape.d); });
    el.setAttribute("opacity", String(shape.opacity));
  }

  var channel = null;
  function startWidget(root, config) {
    var views = window.MDR.views, model = (window.MDR_WIDGETS || {})[config.widget];
    if (!model) { throw new Error("its data did not load"); }
    var view = new WidgetView(root, config, model);
    view.onChange = function () { scheduleUrlWrite(views); };
    if (PAGE.live && window.WebSocket) {
      channel = channel || new LiveChannel(views);
      view.live = channel;
      if (channel.socket && channel.socket.readyState === 1) { view.setOnline(true); }
    }
    views.push(view);
    view.start();
  }
  /* The page carries each plot's first frame; a widget's data loads (mdr-lazy.js) and its controls
     start when it nears the viewport. */
  function initWidgets() {
    var lazy = window.MDRLazy;
    document.querySelectorAll("[data-widget]").forEach(function (root) {
      var config = readJson(root.querySelector("script.widget-config"));
      if (!config || !lazy) { fail(root, new Error("its config or mdr-lazy.js is missing")); return; }
      lazy.whenNear(root)
        .then(function () { return lazy.widgetCode(config.widget); })
        .then(function () { return startWidget(root, config); })
        .catch(function (err) { fail(root, err); });
    });
  }
  function fail(root, err) {
    root.setAttribute("data-failed", "true");
    console.error("mdr: widget " + root.id + " failed to start: " + (err && err.message ? err.message : err));
  }

  /* Extension points for other scripts: MDR.views (every started WidgetView: root, config, model,
     values, outputs, drawn (each glyph's data as last drawn, by "<figure>:<index>"), setValues), and the events mdr:ready and mdr:updated (detail.view) on each widget. */
  WidgetView.prototype.setValues = function (values) {
    Object.assign(this.values, values); this.writeControls(); this.update(); this.onChange();
  };
  window.MDR = { formatValue: formatValue, renderTemplate: renderTemplate, model: M, page: PAGE, views: [] };
  function start() { initReaderSwitch(); initQuizzes(); initTocFollow(); initWidgets(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
