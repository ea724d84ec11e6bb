/* Why Chemo Stops Working: the language switch keeps the reader's place. Each twin link in the
   header points at the same page in the other language; when followed it carries the page's query
   string (reader part, widget settings, which mdr.js keeps in the address) and its #heading, whose
   ids are the same in every language. */
(function () {
  "use strict";
  function carry(link) {
    var base = link.getAttribute("data-base");
    if (base === null) { base = link.getAttribute("href"); link.setAttribute("data-base", base); }
    link.setAttribute("href", base.split(/[?#]/)[0] + window.location.search + window.location.hash);
  }
  function init() {
    document.querySelectorAll("a[data-lang-switch]").forEach(function (link) {
      ["pointerdown", "focus", "click", "mouseenter"].forEach(function (name) {
        link.addEventListener(name, function () { carry(link); });
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
