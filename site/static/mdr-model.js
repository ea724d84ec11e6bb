/* Why Chemo Stops Working: the runtime's pure functions, one copy of each rule the Python side
   also implements. Parity (tests/test_parity.py runs both on the same cases):
   numbers -> widgets/framework/numbers.py, templates -> describe.py, interpolation -> grid.py,
   glyph data -> plotting.glyph_data, glyph geometry -> plot_geometry.glyph_shape, snapping and links -> params.Param.snap and url_state.py. */
(function () {
  "use strict";
  /* ---------- numbers (parity: widgets/framework/numbers.py) ---------- */
  var SUPER = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
  function fixed(v, decimals) {
    if (Math.abs(v) < 1e21) { return v.toFixed(decimals); }
    var whole = BigInt(Math.round(v)).toString();
    return decimals ? whole + "." + "0".repeat(decimals) : whole;
  }
  function localise(text, locale) {
    var sign = text.charAt(0) === "-" ? "-" : "", body = sign ? text.slice(1) : text;
    var parts = body.split("."), whole = parts[0];
    if (whole.length >= 3 + locale.min_grouping) { whole = whole.replace(/\B(?=(\d{3})+$)/g, locale.group); }
    return sign + whole + (parts.length > 1 ? locale.decimal + parts[1] : "");
  }
  function noNegativeZero(text) { return /^-[0.]+$/.test(text) ? text.slice(1) : text; }
  function nonFinite(v) { return v !== v ? "nan" : (v > 0 ? "inf" : "-inf"); }
  function autoDigits(v) {
    if (v === 0) { return "0"; }
    var text = fixed(v, Math.min(4, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))))));
    return text.indexOf(".") >= 0 ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  }
  function scientific(v, locale) {
    if (v === 0) { return "0"; }
    var exponent = Math.floor(Math.log10(Math.abs(v))), mantissa = v / Math.pow(10, exponent);
    if (fixed(Math.abs(mantissa), 1) === "10.0") { exponent += 1; mantissa /= 10; }
    var head = fixed(mantissa, 1) === "1.0" ? "" : localise(fixed(mantissa, 1), locale) + " × ";
    return head + "10" + String(exponent).split("").map(function (c) { return SUPER[c]; }).join("");
  }
  function formatValue(v, fmt, locale) {
    fmt = fmt || "";
    if (!isFinite(v)) { return nonFinite(v); }
    if (fmt === "sci") { return scientific(v, locale); }
    var decimals = /^\.(\d+)f$/.exec(fmt), digits;
    if (fmt === "pct") { digits = fixed(v * 100, 0); }
    else if (fmt === "d") { digits = fixed(v, 0); }
    else if (decimals) { digits = fixed(v, Number(decimals[1])); }
    else { digits = autoDigits(v); }
    return localise(noNegativeZero(digits), locale) + (fmt === "pct" ? "%" : "");
  }
  var pluralRules = {};
  function pluralCategory(v, locale) {
    var code = locale.plural;
    if (!pluralRules[code]) { pluralRules[code] = new Intl.PluralRules(code); }
    return pluralRules[code].select(Math.abs(v));
  }

  /* ---------- templates (parity: widgets/framework/describe.py) ---------- */
  var PLACEHOLDER = /\{([^{}]+)\}/g;
  var CONDITION = /^\?\s*([A-Za-z_]\w*)\s*(<=|>=|<|>)\s*([A-Za-z_]\w*|-?[\d.]+(?:e-?\d+)?)\s*$/;
  var PLURAL = /^#\s*([A-Za-z_]\w*)\s*$/;
  var CATEGORY = /^(zero|one|two|few|many|other):/;
  function renderTemplate(template, values, locale) {
    function fill(_, body) {
      var parts = body.split("|"), cond = CONDITION.exec(parts[0]), plural = PLURAL.exec(parts[0]);
      if (cond) {
        var left = values[cond[1]], right = cond[3] in values ? values[cond[3]] : Number(cond[3]);
        var ok = { "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right }[cond[2]];
        return ok ? parts[1] : parts[2];
      }
      if (plural) {
        var choices = {};
        parts.slice(1).forEach(function (p) { var m = CATEGORY.exec(p); if (m) { choices[m[1]] = p.slice(m[0].length); } });
        var category = pluralCategory(Number(values[plural[1]]), locale);
        return category in choices ? choices[category] : (choices.other || "");
      }
      var i = parts[0].indexOf(":"), key = (i < 0 ? parts[0] : parts[0].slice(0, i)).trim();
      var value = values[key];
      return typeof value === "string" ? value : formatValue(Number(value), i < 0 ? "" : parts[0].slice(i + 1).trim(), locale);
    }
    var text = template, previous = null;
    while (text !== previous) { previous = text; text = text.replace(PLACEHOLDER, fill); }
    return text;
  }

  /* ---------- grid interpolation (parity: widgets/framework/grid.py) ---------- */
  function decodeCube(base64) {
    var bytes = atob(base64), view = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) { view[i] = bytes.charCodeAt(i); }
    return new Float32Array(view.buffer);
  }
  function axisWeights(c, value) {
    var nodes = c.nodes, n = nodes.length;
    value = Math.min(Math.max(value, Math.min.apply(null, nodes)), Math.max.apply(null, nodes));
    if (c.discrete) {
      var best = 0;
      for (var k = 1; k < n; k++) { if (Math.abs(nodes[k] - value) < Math.abs(nodes[best] - value)) { best = k; } }
      return [[best, 1]];
    }
    var f = c.log ? Math.log : function (x) { return x; }, x = f(value);
    for (var i = 0; i < n - 1; i++) {
      var a = f(nodes[i]), b = f(nodes[i + 1]);
      if (Math.min(a, b) <= x && x <= Math.max(a, b)) { var w = (x - a) / (b - a); return [[i, 1 - w], [i + 1, w]]; }
    }
    throw new Error(c.name + ": " + value + " is outside the grid");
  }
  function coordinateValue(c, values) {
    return (c.numerator ? values[c.numerator] : 1) / (1 + (c.one_plus ? values[c.one_plus] : 0));
  }
  function interpolate(model, values) {
    if (typeof model.cube === "string") { model.cube = decodeCube(model.cube); }
    var layout = model.layout, cube = model.cube, sizes = layout.sizes;
    var perAxis = model.coordinates.map(function (c) { return axisWeights(c, coordinateValue(c, values)); });
    var out = {};
    Object.keys(layout.outputs).forEach(function (key) {
      var spec = layout.outputs[key], n = spec.length, acc = new Float64Array(n), combos = [[0, 1]];
      spec.axes.forEach(function (axis) {
        var next = [];
        combos.forEach(function (c) { perAxis[axis].forEach(function (iw) { next.push([c[0] * sizes[axis] + iw[0], c[1] * iw[1]]); }); });
        combos = next;
      });
      combos.forEach(function (c) {
        if (c[1] === 0) { return; }
        var start = spec.offset + c[0] * n;
        for (var j = 0; j < n; j++) { acc[j] += c[1] * cube[start + j]; }
      });
      out[key] = spec.scalar ? acc[0] : Array.prototype.slice.call(acc);
    });
    return out;
  }

  /* ---------- plot data (parity: widgets/framework/plotting.glyph_data) ---------- */
  function place(key, values) { return typeof key === "string" ? values[key] : key; }
  function asArray(v) { return typeof v === "number" ? [v] : Array.prototype.slice.call(v); }
  function glyphData(glyph, fig, values) {
    var data, alpha = glyph.alpha ? values[glyph.alpha] : 1;
    if (glyph.kind === "vline") { var x = place(glyph.x, values); data = { x: [x, x], y: fig.y_range.slice() }; }
    else if (glyph.kind === "hline") { var y = place(glyph.y, values); data = { x: fig.x_range.slice(), y: [y, y] }; }
    else if (glyph.kind === "shade") {
      var edges = asArray(place(glyph.x, values)), lo = fig.y_range[0], hi = fig.y_range[1];
      data = { x: edges, y: edges.map(function () { return lo; }), y2: edges.map(function (_, i) { return [lo, hi, hi, lo][i % 4]; }) };
    }
    else if (glyph.kind === "band") { data = { x: asArray(place(glyph.x, values)), y: asArray(place(glyph.y, values)), y2: asArray(place(glyph.y2, values)) }; }
    else if (glyph.kind === "patch") { return { xs: [asArray(place(glyph.x, values))], ys: [asArray(place(glyph.y, values))], alpha: [alpha] }; }
    else { data = { x: asArray(place(glyph.x, values)), y: asArray(place(glyph.y, values)).map(function (v) { return v + glyph.dy; }) }; }
    data.alpha = data.x.map(function () { return alpha; });
    if (glyph.kind === "text") { data.text = data.x.map(function () { return glyph.text; }); }
    return data;
  }

  /* ---------- plot geometry (parity: widgets/framework/plot_geometry.py) ---------- */
  var UNITS = 10000, FAR = 10000000;
  function axisShare(v, low, high, log) {
    if (log) {
      if (v !== v || v < 0) { return null; }
      v = Math.log10(v); low = Math.log10(low); high = Math.log10(high);
    }
    return v !== v ? null : (v - low) / (high - low);
  }
  function toUnits(share) { return share === null ? null : Math.floor(Math.max(-FAR, Math.min(FAR, share * UNITS)) + 0.5); }
  function plotPoint(fig, x, y) {
    var ux = toUnits(axisShare(x, fig.x_range[0], fig.x_range[1], fig.x_log));
    var uy = toUnits(axisShare(y, fig.y_range[0], fig.y_range[1], fig.y_log));
    return ux === null || uy === null ? null : [ux, UNITS - uy];
  }
  function polyline(points) {
    var out = "", penDown = false;
    points.forEach(function (p) {
      if (p === null) { penDown = false; return; }
      out += (penDown ? "L" : "M") + p[0] + " " + p[1]; penDown = true;
    });
    return out;
  }
  function polygon(points) {
    var body = polyline(points.filter(function (p) { return p !== null; }));
    return body ? body + "Z" : "";
  }
  function glyphShape(glyph, fig, data) {
    if (glyph.kind === "patch") {
      return { d: polygon(data.xs[0].map(function (x, i) { return plotPoint(fig, x, data.ys[0][i]); })), opacity: data.alpha[0] };
    }
    var opacity = data.alpha.length ? data.alpha[0] : 1;
    if (glyph.kind === "text") {
      var at = plotPoint(fig, data.x[0], data.y[0]) || [0, 0];
      return { left: (at[0] / 100).toFixed(2) + "%", top: (at[1] / 100).toFixed(2) + "%", opacity: opacity };
    }
    var points = data.x.map(function (x, i) { return plotPoint(fig, x, data.y[i]); });
    if (glyph.kind === "band" || glyph.kind === "shade") {
      var highs = data.x.map(function (x, i) { return plotPoint(fig, x, data.y2[i]); }), keep = [];
      points.forEach(function (p, i) { if (p !== null && highs[i] !== null) { keep.push(i); } });
      return { d: polygon(keep.map(function (i) { return points[i]; }).concat(keep.slice().reverse().map(function (i) { return highs[i]; }))), opacity: opacity };
    }
    if (glyph.kind === "points") {
      return { d: points.filter(function (p) { return p !== null; }).map(function (p) { return "M" + p[0] + " " + p[1] + "h0"; }).join(""), opacity: opacity };
    }
    return { d: polyline(points), opacity: opacity };
  }

  /* ---------- URL state: ?<url_key>.<param>= per instance (embed pages: ?<param>=) ---------- */
  function snap(p, v) {
    v = Math.min(Math.max(v, p.min), p.max);
    return Number((p.min + Math.round((v - p.min) / p.step) * p.step).toFixed(10));
  }
  function parseParam(p, raw) {
    if (raw === null || raw.trim() === "") { return null; }
    var named = p.option_keys.indexOf(raw.trim());
    if (named >= 0) { return named; }
    var v = Number(raw);
    return isFinite(v) ? snap(p, v) : null;
  }
  function valuesFromQuery(model, start, prefix, search) {
    var query = new URLSearchParams(search), values = Object.assign({}, start);
    var preset = query.get(prefix + "preset");
    if (preset && Object.prototype.hasOwnProperty.call(model.presets, preset)) { Object.assign(values, model.presets[preset]); }
    model.params.forEach(function (p) {
      var v = parseParam(p, query.get(prefix + p.name));
      if (v !== null) { values[p.name] = v; }
    });
    return values;
  }
  function queryWithState(model, values, start, prefix, search) {
    var query = new URLSearchParams(search);
    query.delete(prefix + "preset");
    model.params.forEach(function (p) {
      if (values[p.name] === start[p.name]) { query.delete(prefix + p.name); }
      else { query.set(prefix + p.name, p.option_keys.length ? p.option_keys[values[p.name]] : String(values[p.name])); }
    });
    var text = query.toString();
    return text ? "?" + text : "";
  }

  /* ---------- predictions (parity: widgets/framework/prediction.py and url_state.py) ---------- */
  function choiceFor(question, value) {
    for (var i = 0; i < question.choices.length; i++) {
      var upper = question.choices[i].upper;
      if (upper === null || value < upper) { return question.choices[i].key; }
    }
    return question.choices[question.choices.length - 1].key;
  }
  function comparisonValues(question, predicted, actual) {
    if (question.kind === "choice") {
      var right = choiceFor(question, actual), labels = {};
      question.choices.forEach(function (c) { labels[c.key] = c.label; });
      return { predicted: predicted in labels ? labels[predicted] : predicted, actual: labels[right], right: predicted === right ? 1 : 0 };
    }
    return { predicted: Number(predicted), actual: actual, gap: Math.abs(Number(predicted) - actual) };
  }
  function guessFromText(question, raw) {
    if (raw === null || raw.trim() === "") { return null; }
    if (question.kind === "choice") {
      return question.choices.some(function (c) { return c.key === raw.trim(); }) ? raw.trim() : null;
    }
    var v = Number(raw);
    if (!isFinite(v)) { return null; }
    v = Math.min(Math.max(v, question.low), question.high);
    return Number((question.low + Math.round((v - question.low) / question.step) * question.step).toFixed(10));
  }
  function predictionFromQuery(model, fallback, prefix, search) {
    var query = new URLSearchParams(search), chosen = (query.get(prefix + "predict") || "").trim(), found = null;
    var questions = model.questions || [], preset = query.get(prefix + "preset");
    function named(name) { return questions.filter(function (q) { return q.name === name; })[0] || null; }
    if ((query.get("predict") || "").trim() === "0" || chosen === "0" || !questions.length) { return { question: "", guess: null }; }
    found = named(chosen) || questions.filter(function (q) { return q.preset === preset; })[0] || named(fallback);
    return found ? { question: found.name, guess: guessFromText(found, query.get(prefix + "guess")) } : { question: "", guess: null };
  }

  window.MDRModel = { formatValue: formatValue, renderTemplate: renderTemplate, pluralCategory: pluralCategory,
                      interpolate: interpolate, glyphData: glyphData, glyphShape: glyphShape, snap: snap, parseParam: parseParam,
                      valuesFromQuery: valuesFromQuery, queryWithState: queryWithState,
                      choiceFor: choiceFor, comparisonValues: comparisonValues, guessFromText: guessFromText,
                      predictionFromQuery: predictionFromQuery };
})();
