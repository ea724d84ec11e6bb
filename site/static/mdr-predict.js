/* Why Chemo Stops Working: predict, observe, explain. Before the reader moves anything, a widget
   asks one question (partials/predict.html); the reader answers with a marker on the plot (pointer,
   or the arrow keys on its range control; Enter commits) or by choosing an option. On commit the
   widget moves to the question's state, shows the model's answer beside the prediction and says in
   one sentence how far apart they are; a "Why?" disclosure follows. The answer is the model output
   the plot shows (WidgetView.outputs), never worked out here. Questions, comparison templates and
   link parsing come from the RuntimeModel and mdr-model.js (widgets/framework/prediction.py and
   url_state.py are their twins). The prediction stays in the page and, once committed, in the
   link (?<key>.guess=); nothing is sent anywhere. Listens to mdr:ready / mdr:updated from mdr.js. */
(function () {
  "use strict";
  var M = window.MDRModel;

  function render(template, values) { return window.MDR.renderTemplate(template, values); }
  function sameValues(a, b) { return Object.keys(b).every(function (k) { return a[k] === b[k]; }); }
  /* Move a widget without writing its link (the reader has not moved anything yet). */
  function showValues(view, values) {
    if (sameValues(view.values, values)) { return; }
    Object.assign(view.values, values); view.writeControls(); view.update();
  }
  function editLink(edit) {
    var query = new URLSearchParams(window.location.search);
    edit(query);
    var text = query.toString();
    try { window.history.replaceState(window.history.state, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash); } catch (e) { /* sandboxed or file:// */ }
  }

  /* ---------- the marker on the plot (point questions) ---------- */
  function Marker(step, fig) {
    this.step = step; this.fig = fig;
    this.frame = step.view.root.querySelector("#" + CSS.escape(step.view.config.id + "-plot-" + fig.name) + " .plot-frame");
    this.input = step.block.querySelector("[data-predict-marker]");
    this.output = step.block.querySelector("[data-predict-value]");
    this.dot = document.createElement("span");
    this.dot.className = "predict-marker";
    this.dot.setAttribute("aria-hidden", "true");
    this.dot.setAttribute("data-label", step.panel.getAttribute("data-marker-label"));
    this.frame.appendChild(this.dot);
    this.frame.setAttribute("data-predict-frame", "");
    this.bind();
  }
  Marker.prototype.value = function () { return Number(this.input.value); };
  Marker.prototype.set = function (v) {
    var q = this.step.question, snapped = M.guessFromText(q, String(v));
    this.input.value = String(snapped);
    var text = render(q.marker, { predicted: snapped });
    this.input.setAttribute("aria-valuetext", text);
    this.output.textContent = text;
    this.place();
  };
  /* The marker sits at the x of the question's glyph as last drawn, at the predicted y (geometry: glyphShape). */
  Marker.prototype.place = function () {
    var q = this.step.question, data = this.step.view.drawn[this.fig.name + ":" + q.glyph];
    if (!data) { return; }
    var shape = M.glyphShape({ kind: "text" }, this.fig, { x: [data.x[0]], y: [this.value()], alpha: [1] });
    this.dot.style.left = shape.left; this.dot.style.top = shape.top;
    this.dot.classList.toggle("predict-marker-left", parseFloat(shape.left) > 50);
  };
  Marker.prototype.fromPointer = function (event) {
    var rect = this.frame.getBoundingClientRect(), share = 1 - (event.clientY - rect.top) / rect.height;
    var lo = this.fig.y_range[0], hi = this.fig.y_range[1];
    this.set(lo + Math.max(0, Math.min(1, share)) * (hi - lo));
  };
  Marker.prototype.bind = function () {
    var self = this, dragging = null;
    this.frame.addEventListener("pointerdown", function (event) {
      if (self.step.state !== "asking" || self.step.marker !== self) { return; }
      dragging = event.pointerId;
      try { self.frame.setPointerCapture(event.pointerId); } catch (e) { /* synthetic pointer */ }
      self.fromPointer(event);
      event.preventDefault();
    });
    this.frame.addEventListener("pointermove", function (event) { if (dragging === event.pointerId) { self.fromPointer(event); } });
    function end(event) { if (dragging === event.pointerId) { dragging = null; self.input.focus({ preventScroll: true }); } }
    this.frame.addEventListener("pointerup", end);
    this.frame.addEventListener("pointercancel", end);
    this.input.addEventListener("input", function () { self.set(self.value()); });
    this.input.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); self.step.commit(); } });
    this.input.addEventListener("focus", function () { self.dot.setAttribute("data-focused", ""); });
    this.input.addEventListener("blur", function () { self.dot.removeAttribute("data-focused"); });
  };
  Marker.prototype.show = function (visible) { this.dot.hidden = !visible; };

  /* ---------- one widget's prediction step ---------- */
  function Step(view, panel, choice) {
    this.view = view; this.panel = panel; this.state = "";
    this.question = view.model.questions.filter(function (q) { return q.name === choice.question; })[0];
    this.block = panel.querySelector('[data-question="' + this.question.name + '"]');
    this.result = this.block.querySelector("[data-predict-result]");
    this.why = this.block.querySelector("[data-predict-why]");
    this.again = panel.querySelector("[data-predict-again]");
    this.predicted = null;
    panel.querySelectorAll("[data-question]").forEach(function (b) { b.hidden = b !== this.block; }, this);
    var fig = view.model.figures.filter(function (f) { return f.name === this.question.figure; }, this)[0];
    this.marker = this.question.kind === "point" && fig ? new Marker(this, fig) : null;
    this.bind();
  }
  Step.prototype.setState = function (state) {
    this.state = state;
    this.view.root.setAttribute("data-predict", state);
    this.again.parentNode.hidden = state === "asking";
    this.why.hidden = state !== "revealed";
    if (this.marker) { this.marker.show(state !== "skipped"); this.marker.input.disabled = state !== "asking"; }
    this.block.querySelectorAll("[data-predict-choice]").forEach(function (r) { r.disabled = state !== "asking"; });
  };
  /* Ask the question, at its preset unless a link set this widget's values (those stay on screen). */
  Step.prototype.ask = function (toPreset) {
    this.predicted = null;
    this.result.textContent = "";
    this.block.querySelectorAll("[data-predict-choice]").forEach(function (r) { r.checked = false; });
    if (toPreset) { showValues(this.view, this.question.start); }
    if (this.marker) { this.marker.set((this.question.low + this.question.high) / 2); }
    this.setState("asking");
  };
  Step.prototype.chosen = function () {
    if (this.marker) { return this.marker.value(); }
    var checked = this.block.querySelector("[data-predict-choice]:checked");
    return checked ? checked.value : null;
  };
  Step.prototype.commit = function (restoring) {
    var predicted = restoring === true ? this.predicted : this.chosen();
    if (predicted === null) {
      this.result.textContent = this.panel.getAttribute("data-choose-first");
      var first = this.block.querySelector("[data-predict-choice]");
      if (first) { first.focus(); }
      return;
    }
    this.predicted = predicted;
    var hadFocus = restoring !== true && this.block.contains(document.activeElement);
    if (this.marker) { this.marker.set(predicted); }
    else { this.block.querySelectorAll("[data-predict-choice]").forEach(function (r) { r.checked = r.value === predicted; }); }
    this.setState("revealed");
    showValues(this.view, this.question.reveal);
    this.compare();
    /* The control answered with is now disabled: keep a keyboard reader's place on the next step, "Why?". */
    if (hadFocus) { this.why.querySelector("summary").focus({ preventScroll: true }); }
    var key = this.view.prefix + "guess", text = String(predicted);
    if (restoring !== true) { editLink(function (q) { q.set(key, text); }); }
  };
  /* The comparison sentence, from the outputs the plot shows (exact live outputs replace the grid's). */
  Step.prototype.compare = function () {
    var q = this.question, outputs = this.view.outputs || {};
    var sentence = render(q.compare, Object.assign({}, outputs, M.comparisonValues(q, this.predicted, outputs[q.answer])));
    if (this.result.textContent !== sentence) { this.result.textContent = sentence; }
  };
  Step.prototype.skip = function () { this.setState("skipped"); };
  Step.prototype.bind = function () {
    var self = this, key = this.view.prefix + "guess";
    this.block.querySelector("[data-predict-commit]").addEventListener("click", function () { self.commit(); });
    this.block.querySelector("[data-predict-skip]").addEventListener("click", function () { self.skip(); });
    this.again.addEventListener("click", function () {
      editLink(function (q) { q.delete(key); });
      self.ask(true);
      var first = self.marker ? self.marker.input : self.block.querySelector("[data-predict-choice]");
      if (first) { first.focus(); }
    });
    this.block.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.hasAttribute("data-predict-choice")) { event.preventDefault(); self.commit(); }
    });
    /* Moving a control while asked is skipping: exploring is never blocked. */
    this.view.root.querySelector(".widget-controls").addEventListener("input", function () { if (self.state === "asking") { self.skip(); } }, true);
    this.view.root.querySelector(".widget-controls").addEventListener("change", function () { if (self.state === "asking") { self.skip(); } }, true);
  };
  Step.prototype.updated = function (source) {
    if (this.state === "asking" && this.marker) { this.marker.place(); }
    if (this.state === "revealed" && source === "live" && sameValues(this.view.values, this.question.reveal)) { this.compare(); }
  };

  function attach(view) {
    var panel = view.root.querySelector("[data-predict-panel]");
    if (!panel || view.prediction !== undefined) { return; }
    var choice = M.predictionFromQuery(view.model, view.config.question, view.prefix, window.location.search);
    view.prediction = null;
    if (!choice.question) { view.root.setAttribute("data-predict", "off"); return; }
    var step = new Step(view, panel, choice);
    view.prediction = step;
    step.ask(sameValues(view.values, view.config.values));
    if (choice.guess !== null) { step.predicted = choice.guess; step.commit(true); }
  }

  document.addEventListener("mdr:ready", function (event) { attach(event.detail.view); });
  document.addEventListener("mdr:updated", function (event) {
    var step = event.detail.view.prediction;
    if (step) { step.updated(event.detail.source); }
  });
  function attachStarted() { ((window.MDR && window.MDR.views) || []).forEach(function (v) { if (v.outputs) { attach(v); } }); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", attachStarted); } else { attachStarted(); }
})();
