/* Why Chemo Stops Working: the mechanism beside the plot, moving at the model's rates.
   "cell": drug molecules enter one cell at the model's passive entry and each one inside leaves by
   leaking or through a pump at the model's per-molecule rates (widgets/drug_accumulation/model.py,
   steady_fluxes). "cycle": the pump's named stages in order at the model's pace, stalled by the
   inhibitor (widgets/pump_cycle/model.py, pace). Both read view.outputs, the same grid or live values
   the plot is drawn from (they never work the model out here), through mdr:ready / mdr:updated.
   partials/mechanism.html writes the first frame; words come from RuntimeModel.mechanism.words.
   Motion is deterministic (seeded), stops with the pause button, when off screen, and never runs
   when the reader asks for reduced motion. */
(function () {
  "use strict";
  var MAX_DT = 0.1, TRAVEL_S = 0.9, WINDOW_S = 10, MAX_DOTS = 400, NS = "http://www.w3.org/2000/svg";
  var reduced = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };
  var instances = {}, running = false, last = null;

  /* ---------- shared ---------- */
  function seeded(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 16777619); }
    return function () {  /* mulberry32 */
      h = (h + 0x6D2B79F5) | 0;
      var t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function fill(words, key, values) { return window.MDR.renderTemplate(words[key] || "", values); }
  function setText(el, text) { if (el && el.textContent !== text) { el.textContent = text; } }

  function Mechanism(view, box) {
    var mech = view.model.mechanism;
    this.view = view; this.box = box; this.words = mech.words; this.values = mech.values;
    /* Off screen until the observer says otherwise (no observer: always on screen). */
    this.random = seeded(view.config.id); this.visible = !("IntersectionObserver" in window); this.playing = !reduced.matches;
    this.pauseButton = box.querySelector(".mechanism-pause");
    this.kind = mech.kind === "cell" ? new Cell(this) : new Cycle(this, mech.stages);
    var self = this;
    this.pauseButton.addEventListener("click", function () { self.setPlaying(!self.playing); });
    this.applyMotion();
  }
  Mechanism.prototype.applyMotion = function () {
    var still = reduced.matches;
    if (still) { this.playing = false; }
    this.box.setAttribute("data-motion", still ? "off" : "on");
    this.box.querySelector(".mechanism-still").hidden = !still;
    this.pauseButton.hidden = still;
    this.setPlaying(this.playing);
  };
  Mechanism.prototype.setPlaying = function (on) {
    this.playing = on && !reduced.matches;
    this.box.setAttribute("data-playing", String(this.playing));
    setText(this.pauseButton, this.words[this.playing ? "pause" : "play"]);
    this.kind.playingChanged(this.playing);
    if (this.playing) { loop(); }
  };
  Mechanism.prototype.update = function () {
    var outputs = this.view.outputs;
    setText(this.box.querySelector(".mechanism-sentence"), window.MDR.renderTemplate(this.words.sentence, Object.assign({}, outputs, this.values)));
    this.kind.update(outputs);
  };
  /* Move the picture on by dt seconds of model time (the animation loop, and tests frame by frame). */
  Mechanism.prototype.advance = function (dt) { this.kind.advance(dt); this.kind.draw(); };

  /* ---------- one cell: molecules in, out by leak or pump ---------- */
  function Cell(m) {
    this.m = m; this.svg = m.box.querySelector(".mechanism-svg"); this.layer = m.box.querySelector(".mech-dots");
    var e = m.box.querySelector(".mech-cell");
    this.shape = { cx: +e.getAttribute("cx"), cy: +e.getAttribute("cy"), rx: +e.getAttribute("rx"), ry: +e.getAttribute("ry") };
    this.pumps = Array.from(m.box.querySelectorAll(".mech-pump")).map(function (p) { return { x: +p.getAttribute("data-x"), y: +p.getAttribute("data-y") }; });
    this.counts = { entered: 0, pumped: 0, leaked: 0 }; this.history = []; this.clock = 0; this.second = 0;
    this.acc = { entry: 0, pump: 0, leak: 0 }; this.inside = []; this.moving = []; this.rates = null;
    this.countsEl = m.box.querySelector(".mechanism-counts");
  }
  Cell.prototype.at = function (angle, scale) {
    var s = this.shape;
    return { x: s.cx + s.rx * scale * Math.cos(angle), y: s.cy + s.ry * scale * Math.sin(angle) };
  };
  Cell.prototype.somewhereInside = function () {
    var r = Math.sqrt(this.m.random()) * 0.8;
    return this.at(this.m.random() * 2 * Math.PI, r);
  };
  Cell.prototype.dot = function (p) {
    var el = document.createElementNS(NS, "circle");
    el.setAttribute("r", "3.2"); el.setAttribute("class", "mech-drug");
    this.layer.appendChild(el);
    return { el: el, x: p.x, y: p.y };
  };
  Cell.prototype.update = function (o) {
    var per = 60 * this.m.values.um_per_dot;  /* model rates are µM per minute; one dot is um_per_dot µM */
    this.rates = { entry: o.entry_flux / per, pump: o.pump_per_molecule / 60, leak: o.leak_per_molecule / 60, steady: o.inside_cell_um / this.m.values.um_per_dot };
    this.svg.style.setProperty("--pump-activity", String(o.pump_activity_pct));
    if (!this.m.playing || !this.started) { this.settle(); }
  };
  /* The cell at steady state: as many dots inside as the model's steady level, none travelling. */
  Cell.prototype.settle = function () {
    var target = Math.min(MAX_DOTS, Math.round(this.rates.steady));
    this.moving.forEach(function (d) { d.el.remove(); }); this.moving = [];
    while (this.inside.length > target) { this.inside.pop().el.remove(); }
    while (this.inside.length < target) { this.inside.push(this.dot(this.somewhereInside())); }
    this.started = true; this.draw();
  };
  Cell.prototype.travel = function (d, stops, done) { d.path = [{ x: d.x, y: d.y }].concat(stops); d.t = 0; d.done = done; this.moving.push(d); };
  Cell.prototype.leave = function (route) {
    var i = Math.floor(this.m.random() * this.inside.length), d = this.inside.splice(i, 1)[0], self = this;
    if (route === "pump") {
      var pump = this.pumps.reduce(function (best, p) { return Math.hypot(p.x - d.x, p.y - d.y) < Math.hypot(best.x - d.x, best.y - d.y) ? p : best; });
      var s = this.shape, out = { x: s.cx + (pump.x - s.cx) * 1.35, y: s.cy + (pump.y - s.cy) * 1.35 };
      this.travel(d, [pump, out], function () { d.el.remove(); });
    } else {
      var a = this.m.random() * 2 * Math.PI;
      this.travel(d, [this.at(a, 1), this.at(a, 1.35)], function () { d.el.remove(); });
    }
    this.counts[route === "pump" ? "pumped" : "leaked"] += 1;
    return self;
  };
  Cell.prototype.advance = function (dt) {
    var r = this.rates, acc = this.acc, self = this;
    if (!r) { return; }
    acc.entry += r.entry * dt;
    while (acc.entry >= 1) {
      acc.entry -= 1; this.counts.entered += 1;
      var a = this.m.random() * 2 * Math.PI, d = this.dot(this.at(a, 1.35));
      if (this.inside.length + this.moving.length >= MAX_DOTS) { d.el.remove(); continue; }
      this.travel(d, [this.at(a, 1), this.somewhereInside()], function () { self.inside.push(this); });
    }
    acc.pump += this.inside.length * r.pump * dt; acc.leak += this.inside.length * r.leak * dt;
    while (acc.pump >= 1 && this.inside.length) { acc.pump -= 1; this.leave("pump"); }
    while (acc.leak >= 1 && this.inside.length) { acc.leak -= 1; this.leave("leak"); }
    acc.pump = Math.min(acc.pump, 1); acc.leak = Math.min(acc.leak, 1);
    this.moving = this.moving.filter(function (d) {
      d.t += dt / TRAVEL_S;
      var legs = d.path.length - 1, at = Math.min(d.t, 1) * legs, k = Math.min(Math.floor(at), legs - 1), f = at - k;
      d.x = d.path[k].x + (d.path[k + 1].x - d.path[k].x) * f; d.y = d.path[k].y + (d.path[k + 1].y - d.path[k].y) * f;
      if (d.t >= 1) { d.done.call(d); return false; }
      return true;
    });
    this.inside.forEach(function (d) {  /* a small seeded drift, kept inside the membrane */
      var nx = d.x + (self.m.random() - 0.5) * 2.4, ny = d.y + (self.m.random() - 0.5) * 2.4, s = self.shape;
      if (Math.pow((nx - s.cx) / (s.rx * 0.85), 2) + Math.pow((ny - s.cy) / (s.ry * 0.85), 2) < 1) { d.x = nx; d.y = ny; }
    });
    this.tally(dt);
  };
  /* Counts over the last WINDOW_S seconds, written once a second. */
  Cell.prototype.tally = function (dt) {
    this.clock += dt;
    if (this.clock - this.second < 1) { return; }
    this.second = Math.floor(this.clock);
    this.history.push(Object.assign({}, this.counts));
    if (this.history.length > WINDOW_S + 1) { this.history.shift(); }
    var first = this.history[0], now = this.counts, seconds = this.history.length - 1;
    if (!seconds) { return; }
    this.countsEl.hidden = false;
    setText(this.countsEl, fill(this.m.words, "counts", { seconds: seconds, entered: now.entered - first.entered, pumped: now.pumped - first.pumped, leaked: now.leaked - first.leaked }));
  };
  Cell.prototype.draw = function () {
    this.inside.concat(this.moving).forEach(function (d) { d.el.setAttribute("cx", d.x.toFixed(1)); d.el.setAttribute("cy", d.y.toFixed(1)); });
    var b = this.m.box.dataset, c = this.counts;
    b.entered = c.entered; b.pumped = c.pumped; b.leaked = c.leaked; b.inside = this.inside.length;
  };
  Cell.prototype.playingChanged = function (on) { if (!on && this.rates) { this.countsEl.hidden = true; this.history = []; } };

  /* ---------- the pump's cycle: its stages in order at the model's pace ---------- */
  function Cycle(m, stages) {
    this.m = m; this.stages = stages; this.count = stages.length - 1;  /* the last name is the stalled state */
    this.stage = 0; this.stalled = false; this.rate = 0; this.acc = 0; this.moved = 0; this.key = null;
    this.now = m.box.querySelector(".mechanism-now"); this.movedEl = m.box.querySelector(".mechanism-moved");
    this.steps = m.box.querySelector(".mechanism-steps");
    var self = this;
    this.steps.hidden = false;
    this.steps.querySelector(".mech-previous").addEventListener("click", function () { self.step(-1); });
    this.steps.querySelector(".mech-next").addEventListener("click", function () { self.step(1); });
  }
  Cycle.prototype.update = function (o) {
    var key = JSON.stringify(this.m.view.values);  /* a new state chosen: start from the stage it shows */
    this.stalled = o.stalled >= 0.5; this.rate = o.stages_per_second;
    if (key !== this.key) { this.key = key; this.stage = this.stalled ? 0 : Math.round(o.state); this.acc = 0; }
    this.draw();
  };
  Cycle.prototype.enter = function (stage) {
    this.stage = (stage + this.count) % this.count;
    if (this.stages[this.stage] === "drug_released") { this.moved += 1; }
  };
  Cycle.prototype.advance = function (dt) {
    if (this.stalled) { return; }
    this.acc += this.rate * dt;
    while (this.acc >= 1) { this.acc -= 1; this.enter(this.stage + 1); }
  };
  Cycle.prototype.step = function (by) {
    if (this.stalled) { return; }
    this.m.setPlaying(false);
    if (by > 0) { this.enter(this.stage + 1); } else { this.stage = (this.stage - 1 + this.count) % this.count; }
    this.acc = 0; this.draw();
  };
  Cycle.prototype.draw = function () {
    var box = this.m.box, stage = this.stage, stalled = this.stalled, words = this.m.words;
    box.querySelectorAll(".mech-stage").forEach(function (g) { g.classList.toggle("is-current", !stalled && +g.getAttribute("data-stage") === stage); });
    box.querySelectorAll(".mechanism-list li").forEach(function (li) {
      if (!stalled && +li.getAttribute("data-stage") === stage) { li.setAttribute("aria-current", "step"); } else { li.removeAttribute("aria-current"); }
    });
    box.querySelector(".mech-stalled-mark").setAttribute("opacity", stalled ? "1" : "0");
    box.setAttribute("data-stage", stalled ? "stalled" : this.stages[stage]);
    var name = this.stages[stalled ? this.count : stage], w = words.stages[name];
    setText(this.now, fill(words, stalled ? "stalled_now" : "now", { stage: stage + 1, title: w.title, text: w.text }));
    this.movedEl.hidden = false;
    setText(this.movedEl, fill(words, "moved", { moved: this.moved }));
    box.dataset.moved = this.moved;
    this.steps.querySelectorAll("button").forEach(function (b) { b.disabled = stalled; });
  };
  /* While the cycle turns by itself its words are not announced at every stage (as an auto-rotating
     carousel is kept quiet); paused or stepped, each stage is announced. */
  Cycle.prototype.playingChanged = function (on) { this.now.setAttribute("aria-live", on ? "off" : "polite"); };

  /* ---------- the loop: one requestAnimationFrame for every playing view on screen ---------- */
  function loop() {
    if (running) { return; }
    running = true; last = null;
    window.requestAnimationFrame(frame);
  }
  function frame(time) {
    var active = Object.keys(instances).map(function (k) { return instances[k]; })
      .filter(function (m) { return m.playing && m.visible && !document.hidden; });
    if (!active.length) { running = false; return; }
    var dt = last === null ? 0 : Math.min(MAX_DT, (time - last) / 1000);
    last = time;
    active.forEach(function (m) { m.advance(dt); });
    window.requestAnimationFrame(frame);
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { loop(); } });
  if (reduced.addEventListener) {
    reduced.addEventListener("change", function () { Object.keys(instances).forEach(function (k) { instances[k].applyMotion(); }); });
  }

  function attach(view) {
    var box = view.root.querySelector("[data-mechanism]");
    if (!box || !view.model.mechanism || instances[view.config.id]) { return; }
    var m = new Mechanism(view, box);
    instances[view.config.id] = m;
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        m.visible = entries.some(function (e) { return e.isIntersecting; });
        if (m.visible && m.playing) { loop(); }
      }).observe(box);
    }
    m.update();
  }
  document.addEventListener("mdr:ready", function (event) { attach(event.detail.view); });
  document.addEventListener("mdr:updated", function (event) {
    var m = instances[event.detail.view.config.id];
    if (m) { m.update(); }
  });
  function attachStarted() { ((window.MDR && window.MDR.views) || []).forEach(function (v) { if (v.outputs) { attach(v); } }); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", attachStarted); } else { attachStarted(); }
  window.MDRMechanism = { get: function (id) { return instances[id]; } };
})();
