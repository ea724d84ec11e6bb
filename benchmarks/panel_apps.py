"""Panel apps in Chromium: the site-markup component (panel_widget) against Panel widgets with a HoloViews/Bokeh plot.

Run: python benchmarks/panel_apps.py   (needs Debian's chromium; serves both apps on free local ports)
Prints, per app: bytes to a working page (as sent, from the DevTools network log), time to a
working page, and per slider move (ArrowRight, 10 moves) the time until the sentence shows the
new values and the WebSocket bytes received.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
MOVES = 10
APPS = {
    "panel_widget (site markup, JSComponent)": ("mdr_explainer.widgets", "panel_widget",
                                                'input[data-param="mdr1_level"]'),
    "explore_panel (Panel widgets, HoloViews/Bokeh)": ("mdr_explainer.widgets.framework.explore", "explore_panel",
                                                       ".noUi-handle"),
}
SERVE = textwrap.dedent("""
    import sys, importlib
    import panel as pn
    module, function, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    make = getattr(importlib.import_module(module), function)
    pn.serve({"app": lambda: make("drug_accumulation")}, port=port, address="127.0.0.1", show=False,
             websocket_origin=[f"127.0.0.1:{port}"], print_url=False)
""")
SENTENCE = """() => {
  const deep = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const found = deep(el.shadowRoot); if (found) return found; }
      else if (el.children.length === 0 && el.textContent.startsWith('At steady state the ')) return el;
    }
    return null;
  };
  const el = deep(document);
  return el ? el.textContent : null;
}"""


def free_port() -> int:
    """A TCP port nobody is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(module: str, function: str) -> tuple[subprocess.Popen, str]:
    """One app on a free port, once it answers."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVE, module, function, str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/app"
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=10)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"{function} app exited: {proc.stdout.read().decode()}") from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{url} did not answer")


def measure(browser, url: str, control: str) -> dict:
    """Bytes and time to a working page, then per-move latency and WebSocket bytes."""
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sent, frames = [0], []
    cdp.on("Network.loadingFinished", lambda e: sent.__setitem__(0, sent[0] + e["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(len(e["response"]["payloadData"])))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(SENTENCE, polling="raf", timeout=60000)
    ready_s, page_bytes = time.perf_counter() - t0, sent[0]
    times, per_move = [], []
    handle = page.locator(control).first
    for _ in range(MOVES):
        before, count = page.evaluate(SENTENCE), len(frames)
        t = time.perf_counter()
        handle.press("ArrowRight")
        page.wait_for_function(f"() => ({SENTENCE})() !== {before!r}", polling="raf", timeout=30000)
        times.append((time.perf_counter() - t) * 1000)
        page.wait_for_timeout(300)  # let the move's last frames arrive before counting them
        per_move.append(sum(frames[count:]))
    context.close()
    return {"page_kb": page_bytes / 1024, "ready_s": ready_s, "move_ms": statistics.median(times),
            "move_max_ms": max(times), "ws_kb": statistics.median(per_move) / 1024}


def main() -> None:
    """Serve each app, measure it, print a table."""
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        for label, (module, function, control) in APPS.items():
            proc, url = serve(module, function)
            try:
                measure(browser, url, control)  # warm the server's imports and caches once
                rows.append((label, measure(browser, url, control)))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
        browser.close()
    print(f"{'app':50} {'page KB':>8} {'ready s':>8} {'move ms':>8} {'max ms':>7} {'WS KB/move':>11}")
    for label, r in rows:
        print(f"{label:50} {r['page_kb']:8.0f} {r['ready_s']:8.2f} {r['move_ms']:8.0f} {r['move_max_ms']:7.0f} {r['ws_kb']:11.1f}")


if __name__ == "__main__":
    main()
