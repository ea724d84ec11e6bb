/* Why Chemo Stops Working: offline search. The index (lessons/search_index.py) is a script that sets
   window.MDR_SEARCH, loaded on the first focus of the search box, so search works from file:// and
   any static host with no request leaving the machine. The box is a WAI-ARIA 1.2 combobox with a
   listbox popup: type to search, Up/Down to choose, Enter to go, Escape to close (twice: clear). */
(function () {
  "use strict";
  var MAX_RESULTS = 8, KIND_WEIGHT = { lesson: 1.3, term: 1.2, widget: 1.15, page: 1.1, section: 1 };

  function normal(text) { return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function tokens(text) { return normal(text).split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean); }

  /* One edit (substitution, insertion, deletion or swap of neighbours) apart, for typos. */
  function nearlyEqual(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function tokenScore(q, words, weight) {
    var best = 0;
    words.forEach(function (w) {
      var s = 0;
      if (w === q) { s = 10; }
      else if (w.indexOf(q) === 0) { s = 7; }
      else if (q.length >= 3 && w.indexOf(q) > 0) { s = 3; }
      else if (q.length >= 4 && (nearlyEqual(q, w) || nearlyEqual(q, w.slice(0, q.length)))) { s = 2.5; }
      if (s > best) { best = s; }
    });
    return best * weight;
  }
  function prepare(index) {
    index.entries.forEach(function (e) {
      e.kind = e[0]; e.title = e[1]; e.url = e[2]; e.context = e[3];
      e.titleWords = tokens(e[1]); e.otherWords = tokens(e[3] + " " + e[4]); e.titleText = normal(e[1]);
    });
    return index;
  }
  function search(index, query) {
    var qs = tokens(query);
    if (!qs.length) { return []; }
    var whole = normal(query).trim(), found = [];
    index.entries.forEach(function (e) {
      var total = 0;
      for (var i = 0; i < qs.length; i++) {
        var s = Math.max(tokenScore(qs[i], e.titleWords, 1), tokenScore(qs[i], e.otherWords, 0.35));
        if (!s) { return; }
        total += s;
      }
      if (e.titleText === whole) { total += 20; } else if (e.titleText.indexOf(whole) === 0) { total += 8; }
      found.push([total * (KIND_WEIGHT[e.kind] || 1), e]);
    });
    found.sort(function (a, b) { return b[0] - a[0] || a[1].title.length - b[1].title.length; });
    return found.slice(0, MAX_RESULTS).map(function (f) { return f[1]; });
  }

  function SearchBox(root) {
    this.root = root; this.input = root.querySelector("[role=combobox]"); this.list = root.querySelector("[role=listbox]");
    this.status = root.querySelector("[role=status]"); this.results = []; this.active = -1; this.index = null;
    var self = this;
    this.input.addEventListener("focus", function () { self.load(); });
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    this.input.addEventListener("blur", function () { setTimeout(function () { if (!root.contains(document.activeElement)) { self.close(); } }, 150); });
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.go(Number(option.getAttribute("data-index"))); }
    });
  }
  SearchBox.prototype.load = function () {
    if (this.index || this.loading) { return; }
    var self = this;
    if (window.MDR_SEARCH) { this.index = prepare(window.MDR_SEARCH); return; }
    this.loading = true;
    var script = document.createElement("script");
    script.src = this.root.getAttribute("data-search-index");
    script.onload = function () {
      self.loading = false;
      self.index = prepare(window.MDR_SEARCH);
      self.root.setAttribute("data-search-ready", "true");
      if (self.input.value) { self.run(); }
    };
    document.head.appendChild(script);
  };
  SearchBox.prototype.say = function (key, values) {
    var words = this.index ? this.index.words : {}, locale = (window.MDR && window.MDR.page.locale) || { code: "en", decimal: ".", group: ",", min_grouping: 2, plural: "en" };
    this.status.textContent = words[key] ? window.MDRModel.renderTemplate(words[key], values || {}, locale) : "";
  };
  SearchBox.prototype.run = function () {
    if (!this.index) { this.load(); return; }
    var query = this.input.value, t0 = performance.now();
    this.results = search(this.index, query);
    this.root.setAttribute("data-query-ms", (performance.now() - t0).toFixed(3));
    this.active = -1;
    this.render();
    if (!query.trim()) { this.close(); this.status.textContent = ""; return; }
    if (this.results.length) { this.say("results", { count: this.results.length }); } else { this.say("none"); }
  };
  SearchBox.prototype.render = function () {
    var self = this, words = this.index.words, base = this.root.getAttribute("data-root") || "";
    this.list.innerHTML = "";
    this.results.forEach(function (e, i) {
      var li = document.createElement("li"), title = document.createElement("span"), meta = document.createElement("span");
      li.id = "site-search-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      li.setAttribute("data-index", String(i)); li.setAttribute("data-href", base + e.url);
      title.className = "search-title"; title.textContent = e.title;
      meta.className = "search-meta"; meta.textContent = (words[e.kind] || "") + (e.context ? " · " + e.context : "");
      li.appendChild(title); li.appendChild(meta);
      self.list.appendChild(li);
    });
    var open = this.results.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    this.input.removeAttribute("aria-activedescendant");
  };
  SearchBox.prototype.highlight = function (i) {
    var options = this.list.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    this.active = (i + options.length) % options.length;
    options.forEach(function (o, k) { o.setAttribute("aria-selected", String(k === this.active)); }, this);
    this.input.setAttribute("aria-activedescendant", options[this.active].id);
    options[this.active].scrollIntoView({ block: "nearest" });
  };
  SearchBox.prototype.close = function () {
    this.list.hidden = true; this.active = -1;
    this.input.setAttribute("aria-expanded", "false"); this.input.removeAttribute("aria-activedescendant");
  };
  SearchBox.prototype.go = function (i) {
    var option = this.list.querySelectorAll("[role=option]")[i];
    if (option) { window.location.href = option.getAttribute("data-href"); }
  };
  SearchBox.prototype.key = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open && this.results.length) { this.render(); }
      this.highlight(this.active + (event.key === "ArrowDown" ? 1 : (this.active < 0 ? 0 : -1)));
    } else if (event.key === "Enter") {
      if (open && this.results.length) { this.go(this.active < 0 ? 0 : this.active); }
    } else if (event.key === "Escape") {
      if (open) { this.close(); } else { this.input.value = ""; this.results = []; this.status.textContent = ""; }
    } else { return; }
    event.preventDefault();
  };

  function start() { document.querySelectorAll(".site-search").forEach(function (root) { root.searchBox = new SearchBox(root); }); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.MDRSearch = { search: search, prepare: prepare };
})();
