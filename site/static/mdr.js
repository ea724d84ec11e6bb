/* Why Chemo Stops Working: the small runtime of the static site.
   Reader switch, quizzes, and widgets that interpolate a precomputed model grid.
   The widget functions mirror widgets/framework (grid.py, describe.py, plotting.py). */
(function () {
  "use strict";
  var READER_KEY = "mdr-reader";

  /* ---------- reader (audience) switch ---------- */
  function storedReader() {
    try { return window.localStorage.getItem(READER_KEY); } catch (e) { return null; }
  }
  function setReader(choice, remember) {
    if (["patient", "student", "teacher"].indexOf(choice) < 0) { choice = "patient"; }
    document.documentElement.setAttribute("data-reader", choice);
    document.querySelectorAll("[data-reader-choice]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-reader-choice") === choice));
    });
    if (remember) { try { window.localStorage.setItem(READER_KEY, choice); } catch (e) { /* private mode */ } }
  }
  function initReaderSwitch() {
    var group = document.querySelector(".audience-switch");
    if (!group) { return; }
    group.hidden = false;
    var fromUrl = new URLSearchParams(window.location.search).get("reader");
    setReader(fromUrl || storedReader() || "patient", Boolean(fromUrl));
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
        var input = event.target;
        var right = input.getAttribute("data-correct") === "true";
        feedback.textContent = (right ? "Correct. " : "Not quite. ") + input.getAttribute("data-feedback");
        feedback.className = "feedback " + (right ? "right" : "wrong");
      });
    });
  }

  /* ---------- number formatting and sentences (mirror of describe.py) ---------- */
  var SUPER = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
  function autoFormat(v) {
    if (v === 0 || !isFinite(v)) { return v === 0 ? "0" : String(v); }
    var decimals = Math.min(4, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v)))));
    var text = v.toFixed(decimals);
    if (text.indexOf(".") >= 0) { text = text.replace(/0+$/, "").replace(/\.$/, ""); }
    return text === "-0" || text === "" ? "0" : text;
  }
  function formatValue(v, fmt) {
    if (fmt === "pct") { return (v * 100).toFixed(0) + "%"; }
    if (fmt === "d") { return v.toFixed(0); }
    var fixed = /^\.(\d+)f$/.exec(fmt || "");
    if (fixed) { return v.toFixed(Number(fixed[1])); }
    if (fmt === "sci") {
      if (v === 0) { return "0"; }
      var exponent = Math.floor(Math.log10(Math.abs(v)));
      var mantissa = v / Math.pow(10, exponent);
      if (Math.abs(mantissa).toFixed(1) === "10.0") { exponent += 1; mantissa /= 10; }
      var head = mantissa.toFixed(1) === "1.0" ? "" : mantissa.toFixed(1) + " × ";
      return head + "10" + String(exponent).split("").map(function (c) { return SUPER[c]; }).join("");
    }
    return autoFormat(v);
  }
  var PLACEHOLDER = /\{([^{}]+)\}/g;
  var CONDITION = /^\?\s*([A-Za-z_]\w*)\s*(<=|>=|<|>)\s*([A-Za-z_]\w*|-?[\d.]+(?:e-?\d+)?)\s*$/;
  function renderTemplate(template, values) {
    function fill(_, body) {
      var parts = body.split("|");
      var cond = CONDITION.exec(parts[0]);
      if (cond) {
        var left = values[cond[1]];
        var right = cond[3] in values ? values[cond[3]] : Number(cond[3]);
        var ok = { "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right }[cond[2]];
        return ok ? parts[1] : parts[2];
      }
      var split = parts[0].split(":");
      return formatValue(Number(values[split[0].trim()]), (split[1] || "").trim());
    }
    var text = template, previous = null;
    while (text !== previous) { previous = text; text = text.replace(PLACEHOLDER, fill); }
    return text;
  }

  /* ---------- grid interpolation (mirror of grid.py) ---------- */
  function decodeCube(base64) {
    var bytes = atob(base64), buffer = new ArrayBuffer(bytes.length), view = new Uint8Array(buffer);
    for (var i = 0; i < bytes.length; i++) { view[i] = bytes.charCodeAt(i); }
    return new Float32Array(buffer);
  }
  function axisWeights(p, value) {  /* p: a grid coordinate */
    var nodes = p.nodes, n = nodes.length;
    value = Math.min(Math.max(value, nodes[0]), nodes[n - 1]);
    if (p.discrete) {
      var best = 0;
      for (var k = 1; k < n; k++) { if (Math.abs(nodes[k] - value) < Math.abs(nodes[best] - value)) { best = k; } }
      return [[best, 1]];
    }
    var f = p.log ? Math.log : function (x) { return x; };
    var x = f(value), i = 0;
    while (i < n - 2 && f(nodes[i + 1]) <= x) { i++; }
    var w = (x - f(nodes[i])) / (f(nodes[i + 1]) - f(nodes[i]));
    return [[i, 1 - w], [i + 1, w]];
  }
  function interpolate(model, values) {
    var layout = model.layout, cube = model.cube, sizes = layout.sizes;
    var perAxis = model.coordinates.map(function (c) {
      var top = c.numerator ? values[c.numerator] : 1;
      return axisWeights(c, top / (1 + (c.one_plus ? values[c.one_plus] : 0)));
    });
    var out = {};
    Object.keys(layout.outputs).forEach(function (key) {
      var spec = layout.outputs[key], n = spec.length, acc = new Float64Array(n);
      var combos = [[0, 1]];
      spec.axes.forEach(function (axis) {
        var next = [];
        combos.forEach(function (c) {
          perAxis[axis].forEach(function (iw) { next.push([c[0] * sizes[axis] + iw[0], c[1] * iw[1]]); });
        });
        combos = next;
      });
      combos.forEach(function (c) {
        if (c[1] === 0) { return; }
        var start = spec.offset + c[0] * n;
        for (var j = 0; j < n; j++) { acc[j] += c[1] * cube[start + j]; }
      });
      out[key] = spec.scalar ? acc[0] : acc;
    });
    return out;
  }

  /* ---------- plot data (mirror of plotting.glyph_data) ---------- */
  function asArray(v) { return (typeof v === "number") ? [v] : Array.prototype.slice.call(v); }
  function glyphData(glyph, fig, values) {
    var data;
    if (glyph.kind === "vline") { data = { x: [values[glyph.x], values[glyph.x]], y: fig.y_range.slice() }; }
    else if (glyph.kind === "hline") { data = { x: fig.x_range.slice(), y: [values[glyph.y], values[glyph.y]] }; }
    else if (glyph.kind === "patch") {
      return { xs: [asArray(values[glyph.x])], ys: [asArray(values[glyph.y])], alpha: [glyph.alpha ? values[glyph.alpha] : 1] };
    }
    else if (glyph.kind === "band") { data = { x: asArray(values[glyph.x]), y: asArray(values[glyph.y]), y2: asArray(values[glyph.y2]) }; }
    else { data = { x: asArray(values[glyph.x]), y: asArray(values[glyph.y]) }; }
    var alpha = glyph.alpha ? values[glyph.alpha] : 1;
    data.alpha = data.x.map(function () { return alpha; });
    if (glyph.kind === "text") { data.text = data.x.map(function () { return glyph.text; }); }
    return data;
  }

  /* ---------- URL state: ?preset=, ?param= (embed) or ?widget.param= (lesson) ---------- */
  function valuesFromUrl(model, values, prefix) {
    var query = new URLSearchParams(window.location.search);
    var preset = query.get(prefix + "preset");
    if (preset && model.presets[preset]) { Object.assign(values, model.presets[preset]); }
    model.params.forEach(function (p) {
      var raw = query.get(prefix + p.name);
      if (raw === null || raw.trim() === "") { return; }
      var v = Number(raw);
      if (!isFinite(v)) { return; }
      values[p.name] = snap(p, v);
    });
    return values;
  }
  function snap(p, v) {
    v = Math.min(Math.max(v, p.min), p.max);
    return Number((p.min + Math.round((v - p.min) / p.step) * p.step).toFixed(10));
  }
  function writeUrl(model, values, prefix) {
    if (!window.history || !window.history.replaceState) { return; }
    var query = new URLSearchParams(window.location.search);
    query.delete(prefix + "preset");
    model.params.forEach(function (p) { query.set(prefix + p.name, String(values[p.name])); });
    try { window.history.replaceState(null, "", "?" + query.toString() + window.location.hash); } catch (e) { /* file:// in some browsers */ }
  }

  /* ---------- one widget instance ---------- */
  function WidgetView(root, config) {
    this.root = root;
    this.config = config;
    this.model = window.MDR_WIDGETS[config.name];
    this.prefix = config.url_prefix;
    this.values = valuesFromUrl(this.model, Object.assign({}, config.values), this.prefix);
    this.sources = null;
  }
  WidgetView.prototype.readControls = function () {
    var values = this.values;
    this.root.querySelectorAll("[data-param]").forEach(function (input) {
      if (input.type === "radio") { if (input.checked) { values[input.getAttribute("data-param")] = Number(input.value); } }
      else { values[input.getAttribute("data-param")] = Number(input.value); }
    });
  };
  WidgetView.prototype.writeControls = function () {
    var self = this;
    this.root.querySelectorAll("[data-param]").forEach(function (input) {
      var name = input.getAttribute("data-param");
      if (input.type === "radio") { input.checked = Number(input.value) === self.values[name]; }
      else { input.value = String(self.values[name]); }
    });
  };
  WidgetView.prototype.showParamValues = function () {
    var self = this;
    this.model.params.forEach(function (p) {
      var out = self.root.querySelector('[data-output="' + p.name + '"]');
      var v = self.values[p.name];
      var text = p.options.length ? p.options[Math.round(v)] : formatValue(v, p.fmt);
      if (out) { out.textContent = text; }
      var input = self.root.querySelector('input[type=range][data-param="' + p.name + '"]');
      if (input) { input.setAttribute("aria-valuetext", text + (p.unit ? " " + p.unit : "")); }
    });
  };
  WidgetView.prototype.update = function () {
    var t0 = performance.now();
    var outputs = interpolate(this.model, this.values);
    var all = Object.assign({}, this.values, outputs);
    var self = this;
    this.model.figures.forEach(function (fig) {
      fig.glyphs.forEach(function (glyph, i) {
        var source = self.sources[self.config.instance + "/" + fig.name + ":" + i];
        if (source) { source.data = glyphData(glyph, fig, all); }
      });
    });
    this.model.readouts.forEach(function (r) {
      var el = self.root.querySelector('[data-readout="' + r.key + '"]');
      if (el) { el.textContent = formatValue(all[r.key], r.fmt); }
    });
    var desc = this.root.querySelector(".widget-describe");
    var sentence = renderTemplate(this.model.sentence, all);
    if (desc && desc.textContent !== sentence) { desc.textContent = sentence; }
    this.showParamValues();
    this.root.setAttribute("data-update-ms", (performance.now() - t0).toFixed(3));
    this.root.dispatchEvent(new CustomEvent("mdr:updated", { bubbles: true }));
  };
  WidgetView.prototype.bind = function () {
    var self = this;
    var form = this.root.querySelector(".widget-controls");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function () { self.readControls(); self.update(); writeUrl(self.model, self.values, self.prefix); });
    form.addEventListener("change", function () { self.readControls(); self.update(); writeUrl(self.model, self.values, self.prefix); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-preset]");
      if (!button) { return; }
      Object.assign(self.values, self.model.presets[button.getAttribute("data-preset")]);
      self.writeControls(); self.update(); writeUrl(self.model, self.values, self.prefix);
    });
  };
  WidgetView.prototype.start = function () {
    var self = this;
    var item = JSON.parse(this.root.querySelector("script.bokeh-item").textContent);
    return window.Bokeh.embed.embed_item(item, this.config.instance + "-plot").then(function (views) {
      var doc = Array.from(views.roots)[0].model.document;
      self.sources = {};
      doc.all_models.forEach(function (m) { if (m.name) { self.sources[m.name] = m; } });
      var cubeSource = self.sources[self.config.instance + "/cube"];
      if (cubeSource) { cubeSource.data = { values: self.model.cube }; }
      self.writeControls();
      self.update();
      self.bind();
      self.root.setAttribute("data-ready", "true");
    });
  };

  function initWidgets() {
    var registry = window.MDR_WIDGETS || {};
    Object.keys(registry).forEach(function (name) {
      var model = registry[name];
      if (typeof model.cube === "string") { model.cube = decodeCube(model.cube); }
    });
    document.querySelectorAll("[data-widget]").forEach(function (root) {
      var configEl = root.querySelector("script.widget-config");
      if (!configEl || !window.Bokeh) { return; }
      var config = JSON.parse(configEl.textContent);
      if (!registry[config.name]) { return; }
      new WidgetView(root, config).start();
    });
  }

  window.MDR = { renderTemplate: renderTemplate, formatValue: formatValue, interpolate: interpolate };
  function start() { initReaderSwitch(); initQuizzes(); initWidgets(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
