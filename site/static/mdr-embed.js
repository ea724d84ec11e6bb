/* Why Chemo Stops Working: embed pages inside other sites. Marks a framed page, and tells the host
   the content's height by postMessage on load and on every change of size: in our own form
   {type: "mdr:embed-size", height, widget} (read by embed-host.js) and in Canvas's LTI form
   '{"subject":"lti.frameResize","height":…}'. Never focuses or scrolls anything. */
(function () {
  "use strict";
  var framed = true, last = -1;
  try { framed = window.self !== window.top; } catch (e) { framed = true; }
  if (framed) { document.documentElement.classList.add("framed"); }

  function contentHeight() {
    var body = document.body, style = window.getComputedStyle(body);
    return Math.ceil(body.getBoundingClientRect().bottom + window.scrollY + (parseFloat(style.marginBottom) || 0));
  }
  function send() {
    if (!framed || !document.body) { return; }
    var height = contentHeight();
    if (height === last) { return; }
    last = height;
    var widget = document.querySelector("[data-widget]");
    try {
      window.parent.postMessage({ type: "mdr:embed-size", height: height, widget: widget ? widget.getAttribute("data-widget") : null }, "*");
      window.parent.postMessage(JSON.stringify({ subject: "lti.frameResize", height: height }), "*");
    } catch (e) { /* no parent to tell */ }
  }
  function start() {
    send();
    if (window.ResizeObserver) { new window.ResizeObserver(send).observe(document.body); }
    window.addEventListener("load", send);
    document.addEventListener("mdr:ready", send);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
