/* Why Chemo Stops Working: light and dark themes.
   The page follows the system setting (prefers-color-scheme) until the reader presses the
   header toggle; the choice is stored (localStorage, if the browser allows it) and set on
   <html data-theme>. CSS variables re-theme the page and the plots alike (plots are SVG and
   HTML drawn with --plot-* colours; the Okabe-Ito data colours stay). */
(function () {
  "use strict";
  var KEY = "mdr-theme", root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() { try { return window.localStorage.getItem(KEY); } catch (e) { return null; } }
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "dark" || chosen === "light") { return chosen; }
    return system && system.matches ? "dark" : "light";
  }

  function apply(theme, remember) {
    root.setAttribute("data-theme", theme);
    if (remember) { try { window.localStorage.setItem(KEY, theme); } catch (e) { /* storage blocked (sandboxed iframe) */ } }
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) { b.setAttribute("aria-pressed", String(theme === "dark")); });
    var meta = document.querySelector('meta[name="color-scheme"]');
    if (meta) { meta.setAttribute("content", theme); }
  }

  function init() {
    var choice = stored();
    if (choice === "dark" || choice === "light") { root.setAttribute("data-theme", choice); }
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", String(current() === "dark"));
      button.addEventListener("click", function () { apply(current() === "dark" ? "light" : "dark", true); });
    });
  }

  window.MDRTheme = { current: current, apply: apply };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
