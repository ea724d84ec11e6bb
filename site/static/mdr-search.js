/* Why Chemo Stops Working: offline full-text search. The index (lessons/search_index.py) is a script
   that sets window.MDR_SEARCH with the text under every heading of the site; it is loaded on the first
   focus of the search box, so search works from file:// and any static host with nothing leaving the
   machine. Here, and only here, text becomes terms: tokens are folded (accents off, lower case) and
   stemmed by the locale's stemmer, an inverted index is built once, and queries are ranked by BM25
   (a heading counts three times), with prefixes for the word being typed and one edit of tolerance
   for words of five letters or more. The box is a WAI-ARIA 1.2 combobox with a listbox popup: type
   to search, Up/Down to choose, Enter to go, Escape to close (twice: clear). */
(function () {
  "use strict";
  var MAX_RESULTS = 8, HEADING_WEIGHT = 3, K1 = 1.2, B = 0.75, FUZZY_MIN = 5, PREFIX_MIN = 2;
  var PREFIX_FACTOR = 0.6, FUZZY_FACTOR = 0.45, SNIPPET_CHARS = 150, SNIPPET_LEAD = 45;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu, MARKS = /\p{M}/gu;

  /* ---------- text to terms ---------- */
  function fold(word) { return word.normalize("NFD").replace(MARKS, "").toLowerCase(); }

  /* Porter's (1980) English stemmer, steps 1a-5b, on folded a-z words; anything else is kept. */
  var STEP2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var C = "[^aeiou][^aeiouy]*", V = "[aeiouy][aeiou]*";
  var MGR0 = new RegExp("^(" + C + ")?" + V + C), MEQ1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var MGR1 = new RegExp("^(" + C + ")?" + V + C + V + C), HAS_VOWEL = new RegExp("^(" + C + ")?[aeiouy]");
  var CVC = new RegExp("^" + C + "[aeiouy][^aeiouwxy]$");
  var SUFFIX2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var SUFFIX3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var SUFFIX4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  function porter(word) {
    if (word.length < 3 || !/^[a-z]+$/.test(word)) { return word; }
    var w = word, m, stem, upper = w[0] === "y";
    if (upper) { w = "Y" + w.slice(1); }
    if ((m = /^(.+?)(ss|i)es$/.exec(w))) { w = m[1] + m[2]; } else if ((m = /^(.+?)([^s])s$/.exec(w))) { w = m[1] + m[2]; }
    if ((m = /^(.+?)eed$/.exec(w))) { if (MGR0.test(m[1])) { w = w.slice(0, -1); } }
    else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && HAS_VOWEL.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) { w += "e"; }
      else if (/([^aeiouylsz])\1$/.test(w)) { w = w.slice(0, -1); }
      else if (CVC.test(w)) { w += "e"; }
    }
    if ((m = /^(.+?)y$/.exec(w)) && HAS_VOWEL.test(m[1])) { w = m[1] + "i"; }
    if ((m = SUFFIX2.exec(w)) && MGR0.test(m[1])) { w = m[1] + STEP2[m[2]]; }
    if ((m = SUFFIX3.exec(w)) && MGR0.test(m[1])) { w = m[1] + STEP3[m[2]]; }
    if ((m = SUFFIX4.exec(w))) { if (MGR1.test(m[1])) { w = m[1]; } }
    else if ((m = /^(.+?)(s|t)(ion)$/.exec(w))) { stem = m[1] + m[2]; if (MGR1.test(stem)) { w = stem; } }
    if ((m = /^(.+?)e$/.exec(w))) {
      stem = m[1];
      if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) { w = stem; }
    }
    if (/ll$/.test(w) && MGR1.test(w)) { w = w.slice(0, -1); }
    return upper ? "y" + w.slice(1) : w;
  }
  function unchanged(word) { return word; }
  /* A light Spanish stemmer after Savoy's (CLEF 2003): on folded words of five letters or more it
     strips only gender and plural endings, so bomba/bombas, celula/celulas and vez/veces meet. */
  function spanishLight(w) {
    if (w.length < 5) { return w; }
    if (/[oae]$/.test(w)) { return w.slice(0, -1); }
    if (/eses$/.test(w)) { return w.slice(0, -2); }
    if (/ces$/.test(w)) { return w.slice(0, -3) + "z"; }
    if (/[oae]s$/.test(w)) { return w.slice(0, -2); }
    return w;
  }
  /* One stemmer per language; a locale without one still gets folding, prefixes and typo tolerance. */
  var STEMMERS = { en: porter, es: spanishLight };
  function stemmerFor(locale) { return STEMMERS[String(locale || "en").split("-")[0]] || unchanged; }

  /* Every word of a text with where it starts and ends, folded and stemmed (memoised per analyser). */
  function analyser(locale) {
    var stem = stemmerFor(locale), memo = new Map();
    function forms(word) {
      var f = memo.get(word);
      if (f === undefined) { var folded = fold(word); f = { folded: folded, term: stem(folded) }; memo.set(word, f); }
      return f;
    }
    return {
      each: function (text, use) {
        var m;
        WORD.lastIndex = 0;
        while ((m = WORD.exec(text))) { use(forms(m[0]).term); }
      },
      words: function (text) {
        var out = [], m, f;
        WORD.lastIndex = 0;
        while ((m = WORD.exec(text))) { f = forms(m[0]); out.push({ start: m.index, end: m.index + m[0].length, folded: f.folded, term: f.term }); }
        return out;
      }
    };
  }

  /* ---------- index and ranking ---------- */
  function prepare(raw) {
    var analyse = analyser(raw.locale), postings = new Map(), lengths = [], total = 0;
    raw.docs.forEach(function (d, i) {
      var counts = new Map(), length = 0;
      [[d[3], HEADING_WEIGHT], [d[4], 1]].forEach(function (field) {
        analyse.each(field[0], function (t) { counts.set(t, (counts.get(t) || 0) + field[1]); length++; });
      });
      counts.forEach(function (tf, t) { if (!postings.has(t)) { postings.set(t, []); } postings.get(t).push(i, tf); });
      lengths.push(length); total += length;
    });
    return { raw: raw, words: raw.words, analyse: analyse, postings: postings, vocabulary: Array.from(postings.keys()),
             lengths: lengths, average: total / Math.max(1, raw.docs.length) };
  }

  /* One edit (substitution, insertion, deletion or swap of neighbours) apart. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) { return false; }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The index terms a query word stands for, each with a factor: itself 1, a prefix (the word being
     typed), and, for a word of FUZZY_MIN letters or more that the site never uses, one edit away. */
  function expansions(index, word, typing) {
    var found = new Map(), forms = [word.term, word.folded];
    if (index.postings.has(word.term)) { found.set(word.term, 1); }
    var fuzzy = !found.size && word.folded.length >= FUZZY_MIN, prefix = typing && word.folded.length >= PREFIX_MIN;
    if (!fuzzy && !prefix) { return found; }
    index.vocabulary.forEach(function (v) {
      if (found.has(v)) { return; }
      if (prefix && (v.indexOf(word.folded) === 0 || v.indexOf(word.term) === 0)) { found.set(v, PREFIX_FACTOR); }
      else if (fuzzy && (oneEdit(v, forms[0]) || oneEdit(v, forms[1]))) { found.set(v, FUZZY_FACTOR); }
    });
    return found;
  }

  /* Each doc's best BM25 score for one query word, over the terms it stands for. */
  function wordScores(index, terms) {
    var n = index.raw.docs.length, scores = new Map();
    terms.forEach(function (factor, t) {
      var list = index.postings.get(t), idf = Math.log(1 + (n - list.length / 2 + 0.5) / (list.length / 2 + 0.5));
      for (var k = 0; k < list.length; k += 2) {
        var doc = list[k], tf = list[k + 1], norm = K1 * (1 - B + B * index.lengths[doc] / index.average);
        var s = factor * idf * tf * (K1 + 1) / (tf + norm);
        if (s > (scores.get(doc) || 0)) { scores.set(doc, s); }
      }
    });
    return scores;
  }

  function search(index, query) {
    var words = index.analyse.words(query);
    if (!words.length) { return []; }
    var perWord = words.map(function (w, i) {
      var terms = expansions(index, w, i === words.length - 1);
      return { terms: terms, scores: wordScores(index, terms) };
    });
    var totals = new Map();
    perWord[0].scores.forEach(function (s, doc) {
      var sum = s;
      for (var i = 1; i < perWord.length; i++) {
        var other = perWord[i].scores.get(doc);
        if (!other) { return; }
        sum += other;
      }
      totals.set(doc, sum);
    });
    var matched = new Set();
    perWord.forEach(function (p) { p.terms.forEach(function (_f, t) { matched.add(t); }); });
    return Array.from(totals.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, MAX_RESULTS).map(function (entry) { return result(index, entry[0], entry[1], matched); });
  }

  /* What a reader sees of one hit: title, page, reader part, link and a snippet with the words marked. */
  function result(index, number, score, matched) {
    var d = index.raw.docs[number], page = index.raw.pages[d[0]];
    var url = page[2] + (d[1] ? "?reader=" + d[1] : "") + (d[2] ? "#" + d[2] : "");
    var inside = Boolean(d[2]) && (page[0] === "lesson" || page[0] === "page");
    return { doc: number, score: score, kind: inside ? "section" : page[0],
             title: d[3] || page[1], page: page[1], part: d[1], url: url, snippet: snippet(index, d[4], matched) };
  }

  /* About SNIPPET_CHARS of text around the first matched word, as [text, marked] pieces. */
  function snippet(index, text, matched) {
    var words = index.analyse.words(text), first = words.find(function (w) { return matched.has(w.term); });
    var from = 0;
    if (first && first.start > SNIPPET_LEAD) {
      var lead = words.find(function (w) { return w.start >= first.start - SNIPPET_LEAD; });
      from = lead ? lead.start : first.start;
    }
    var to = Math.min(text.length, from + SNIPPET_CHARS);
    if (to < text.length) {
      var last = words.filter(function (w) { return w.end <= to && w.start >= from; }).pop();
      to = last ? last.end : to;
    }
    var pieces = from > 0 ? [["… ", false]] : [], at = from;
    words.forEach(function (w) {
      if (w.start < from || w.end > to || !matched.has(w.term)) { return; }
      if (w.start > at) { pieces.push([text.slice(at, w.start), false]); }
      pieces.push([text.slice(w.start, w.end), true]);
      at = w.end;
    });
    if (to > at) { pieces.push([text.slice(at, to), false]); }
    if (to < text.length) { pieces.push([" …", false]); }
    return pieces;
  }

  /* ---------- the search box ---------- */
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
  SearchBox.prototype.ready = function () {
    var t0 = performance.now();
    this.index = prepare(window.MDR_SEARCH);
    this.root.setAttribute("data-index-ms", (performance.now() - t0).toFixed(1));
    this.root.setAttribute("data-search-ready", "true");
  };
  SearchBox.prototype.load = function () {
    if (this.index || this.loading) { return; }
    var self = this;
    if (window.MDR_SEARCH) { this.ready(); return; }
    this.loading = true;
    var script = document.createElement("script");
    script.src = this.root.getAttribute("data-search-index");
    script.onload = function () {
      self.loading = false;
      self.ready();
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
  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    if (text) { el.textContent = text; }
    return el;
  }
  SearchBox.prototype.option = function (e, i, base) {
    var words = this.index.words, li = document.createElement("li"), text = span("search-snippet");
    li.id = "site-search-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
    li.setAttribute("data-index", String(i)); li.setAttribute("data-href", base + e.url);
    var where = [e.title === e.page ? words[e.kind] : e.page];
    if (e.part) { where.push(words[e.part]); }
    li.appendChild(span("search-title", e.title));
    li.appendChild(span("search-meta", where.filter(Boolean).join(" · ")));
    e.snippet.forEach(function (piece) {
      if (piece[1]) { var mark = document.createElement("mark"); mark.textContent = piece[0]; text.appendChild(mark); }
      else { text.appendChild(document.createTextNode(piece[0])); }
    });
    if (e.part) { li.setAttribute("data-part", e.part); }
    li.appendChild(text);
    return li;
  };
  SearchBox.prototype.render = function () {
    var self = this, base = this.root.getAttribute("data-root") || "";
    this.list.innerHTML = "";
    this.results.forEach(function (e, i) { self.list.appendChild(self.option(e, i, base)); });
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
  window.MDRSearch = { search: search, prepare: prepare, analyser: analyser, porter: porter, spanishLight: spanishLight, fold: fold, oneEdit: oneEdit, stemmers: STEMMERS };
})();
