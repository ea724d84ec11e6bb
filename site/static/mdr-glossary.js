/* Why Chemo Stops Working: glossary terms show their plain definition in a popover.
   Each a.term carries its definition in its title (lessons/markup.py); this moves it to
   data-definition (no double tooltip) and shows it in one shared role="tooltip" element,
   tied to the term by aria-describedby, on hover, keyboard focus or a first tap. The link
   still goes to the glossary (a second tap, a click or Enter). Escape closes; focus never moves. */
(function () {
  "use strict";
  var tip = null, owner = null, hideTimer = null, lastPointer = "mouse";

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "term-tip";
      tip.className = "term-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { hideSoon(); });
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(link) {
    var definition = link.getAttribute("data-definition");
    if (!definition) { return; }
    clearTimeout(hideTimer);
    if (owner && owner !== link) { owner.removeAttribute("aria-describedby"); }
    var box = tooltip(), name = document.createElement("strong");
    name.textContent = link.textContent;
    box.textContent = "";
    box.appendChild(name);
    box.appendChild(document.createTextNode(definition));
    box.hidden = false;
    owner = link;
    link.setAttribute("aria-describedby", box.id);
    place(link, box);
  }

  function place(link, box) {
    var r = link.getBoundingClientRect(), width = box.offsetWidth, margin = 12;
    var left = Math.min(Math.max(margin, r.left), document.documentElement.clientWidth - width - margin);
    var below = r.bottom + 8, above = r.top - box.offsetHeight - 8;
    var top = below + box.offsetHeight > window.innerHeight && above > 0 ? above : below;
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (top + window.scrollY) + "px";
  }

  function hide() {
    clearTimeout(hideTimer);
    if (tip) { tip.hidden = true; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }
  function hideSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 250); }

  function init() {
    var terms = document.querySelectorAll("a.term[title]");
    terms.forEach(function (link) {
      link.setAttribute("data-definition", link.getAttribute("title"));
      link.removeAttribute("title");
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", hideSoon);
      link.addEventListener("click", function (event) {
        if (lastPointer !== "mouse" && owner !== link) { event.preventDefault(); show(link); }
      });
    });
    if (!terms.length) { return; }
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (owner && !event.target.closest("a.term, .term-tip")) { hide(); }
    }, true);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && owner) { hide(); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
