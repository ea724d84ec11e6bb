/* Why Chemo Stops Working: widget code loads only when a widget nears the viewport.
   The page lists the scripts in <template id="mdr-widget-scripts"> (inert: nothing is fetched);
   MDRLazy.whenNear(root) resolves once the widget is within a screen or so of view, and
   MDRLazy.widgetCode(name) injects the widget's data file (and the plot tools, prediction step and mechanism view, where listed) as <script src> tags
   (so it works from file:// as well as any host). Each script loads once per page. */
(function () {
  "use strict";
  var sources = {}, loading = {};
  var list = document.getElementById("mdr-widget-scripts");
  if (list && list.content) {
    list.content.querySelectorAll("script[data-for]").forEach(function (s) {
      sources[s.getAttribute("data-for")] = s.getAttribute("src");
    });
  }

  function load(key) {
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var src = sources[key];
        if (!src) { reject(new Error("the page lists no script for " + key)); return; }
        var el = document.createElement("script");
        el.src = src;
        el.async = false;
        el.onload = resolve;
        el.onerror = function () { reject(new Error(src + " did not load")); };
        document.head.appendChild(el);
      });
    }
    return loading[key];
  }

  function widgetCode(name) {
    var keys = [name].concat(["explore", "predict", "mechanism"].filter(function (k) { return sources[k]; }));
    return Promise.all(keys.map(load));
  }

  function whenNear(root) {
    return new Promise(function (resolve) {
      if (!("IntersectionObserver" in window)) { resolve(); return; }
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); resolve(); }
      }, { rootMargin: "600px 0px 600px 0px" });
      seen.observe(root);
    });
  }

  window.MDRLazy = { load: load, widgetCode: widgetCode, whenNear: whenNear };
})();
