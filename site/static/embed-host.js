/* Why Chemo Stops Working: optional script for a page that embeds our widgets.
   Add it once, after the iframes:  <script src="https://YOUR-SITE/embed-host.js"></script>
   Each embedded widget reports its content height; this sets the height of the iframe it came
   from, so the frame neither scrolls inside itself nor leaves a gap. It reads no other messages,
   touches no other frames and sends nothing anywhere. */
(function () {
  "use strict";
  var LIMIT = 20000;
  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) { if (frames[i].contentWindow === source) { return frames[i]; } }
    return null;
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "mdr:embed-size") { return; }
    var height = Number(data.height), frame = frameOf(event.source);
    if (!frame || !(height > 0 && height < LIMIT)) { return; }
    frame.style.height = Math.ceil(height) + "px";
    frame.setAttribute("data-mdr-height", String(Math.ceil(height)));
  });
})();
