"""Benchmarks: build time, page and static bytes, model and grid cost, slider -> data and page-ready in Chromium.

Run: python benchmarks/run.py   (prints a table; needs Debian's chromium for the browser rows)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mdr_explainer.lessons.build import build_site, data_file  # noqa: E402
from mdr_explainer.lessons.strings import site_text  # noqa: E402
from mdr_explainer.widgets.framework.accuracy import random_positions, worst_plot_error  # noqa: E402
from mdr_explainer.widgets.framework.grid import build_cube  # noqa: E402
from mdr_explainer.widgets.framework.wording import widget_text  # noqa: E402
from mdr_explainer.widgets.registry import REGISTRY  # noqa: E402
from search_size import print_rows as search_rows  # noqa: E402

TARGETS = {"page": 400_000, "static": 3_500_000, "slider_ms": 16.0, "ready_ms": 1000.0, "build_s": 30.0,
           "model_ms": 5.0, "grid_s": 2.0, "data_bytes": 300_000}

SLIDER_PROBE = """async (count) => {
  const input = document.querySelector("input[type=range]");
  const root = input.closest("[data-widget]");
  const times = [], frames = [], work = [];
  for (let i = 0; i < count; i++) {
    const up = Number(input.value) + Number(input.step) <= Number(input.max);
    const t0 = performance.now();
    const done = new Promise((resolve) => root.addEventListener("mdr:updated", () => resolve(performance.now()), { once: true }));
    input.value = String(Number(input.value) + (up ? 1 : -1) * Number(input.step));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await done;
    // The SVG attributes are set by then; the next frame callback measures until that frame starts.
    const [frameStart, t2] = await new Promise((r) => requestAnimationFrame((ts) => r([ts, performance.now()])));
    times.push(t1 - t0);
    work.push((t1 - t0) + Math.max(0, t2 - Math.max(frameStart, t1)));
    frames.push(t2 - t0);
  }
  return { data: times, work: work, frame: frames };
}"""


SCROLL_TO_READY = """async () => {
  const w = [...document.querySelectorAll('[data-widget]')].find((el) => el.offsetParent !== null);
  const t0 = performance.now();
  w.scrollIntoView();
  while (w.dataset.ready !== 'true') { await new Promise((r) => setTimeout(r, 2)); }
  return performance.now() - t0;
}"""


def median_ms(fn, repeat: int = 30) -> float:
    """Median wall time of fn() in milliseconds."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def model_rows() -> list[tuple]:
    """Per widget: median model time, grid time, data bytes, worst grid error."""
    rows = []
    for name, widget in REGISTRY.items():
        positions = random_positions(widget, 10, seed=3)
        model_ms = statistics.median(median_ms(lambda v=v: widget.run(v), 5) for v in positions)
        t0 = time.perf_counter()
        cube = build_cube(widget, widget_text(name))
        grid_s = time.perf_counter() - t0
        file_bytes = len(data_file(name, site_text())[1])
        error, _ = worst_plot_error(widget, cube, 200)
        rows.append((name, model_ms, grid_s, cube.nbytes, file_bytes, error * 100))
    return rows


def build_rows(out: Path) -> tuple[float, list, int]:
    """Median full build time of three builds, page sizes and shared static size."""
    times = []
    for _ in range(3):
        report = build_site(REPO / "content", out)
        times.append(report.seconds)
    return statistics.median(times), report.pages, report.static_bytes


def browser_rows(out: Path) -> dict:
    """Slider -> drawn plot and page-ready medians in headless Chromium from file://."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        ready = "() => [...document.querySelectorAll('[data-widget]')].every(w => w.dataset.ready === 'true')"
        for name in REGISTRY:
            url = (out / "embed" / name / "index.html").as_uri()
            page.goto(url)
            page.wait_for_function(ready)
            probe = page.evaluate(SLIDER_PROBE, 40)
            loads = []
            for _ in range(5):
                page.goto("about:blank")
                page.goto(url)
                page.wait_for_function(ready)
                loads.append(page.evaluate("performance.now()"))
            results[name] = (statistics.median(probe["data"]), statistics.median(probe["work"]),
                             statistics.median(probe["frame"]), statistics.median(loads))
        loads = []
        for _ in range(5):  # a lesson's widget starts when scrolled near: time from that scroll to ready
            page.goto("about:blank")
            page.goto((out / "mdr1-pump" / "index.html").as_uri() + "?reader=student")
            loads.append(page.evaluate(SCROLL_TO_READY))
        results["lesson mdr1-pump, scrolled to"] = (float("nan"), float("nan"), float("nan"), statistics.median(loads))
        browser.close()
    return results


LIVE_PROBE = """async (count) => {
  const input = document.querySelector("input[type=range]");
  const root = input.closest("[data-widget]");
  const times = [];
  for (let i = 0; i < count; i++) {
    const up = Number(input.value) + Number(input.step) <= Number(input.max);
    const live = new Promise((resolve) => {
      const seen = (event) => { if (event.detail.source === "live") { root.removeEventListener("mdr:updated", seen); resolve(performance.now()); } };
      root.addEventListener("mdr:updated", seen);
    });
    const t0 = performance.now();
    input.value = String(Number(input.value) + (up ? 1 : -1) * Number(input.step));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await live) - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}"""


def live_rows() -> dict:
    """Round trip slider -> Python model -> plotted data through the live server (medians)."""
    import socket
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mdr_explainer.lessons.cli", "serve", "--port", str(port)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            for name in REGISTRY:
                page.goto(f"http://127.0.0.1:{port}/embed/{name}/")
                page.wait_for_function("() => document.querySelector('[data-widget]').dataset.live === 'online'",
                                       timeout=30000)
                results[name] = statistics.median(page.evaluate(LIVE_PROBE, 20))
            browser.close()
    finally:
        server.terminate()
    return results


def mark(value: float, target: float) -> str:
    """ok or OVER against a target."""
    return "ok" if value <= target else "OVER"


def main() -> int:
    """Run every benchmark and print the tables."""
    print("Models and static grids (per widget)")
    print(f"{'widget':<20}{'model ms (median)':>18}{'grid s':>9}{'grid KB f32':>13}{'data file KB':>14}{'max err %':>11}")
    for name, model_ms, grid_s, raw, file_bytes, err in model_rows():
        print(f"{name:<20}{model_ms:>15.2f} {mark(model_ms, TARGETS['model_ms']):>2}{grid_s:>7.2f} {mark(grid_s, TARGETS['grid_s']):>2}"
              f"{raw / 1e3:>12.1f}{file_bytes / 1e3:>11.1f} {mark(file_bytes, TARGETS['data_bytes']):>2}{err:>10.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        build_s, pages, static = build_rows(out)
        print(f"\nFull build: median {build_s:.2f} s of 3 (target <= {TARGETS['build_s']:.0f} s) {mark(build_s, TARGETS['build_s'])}")
        print(f"Shared static: {static / 1e6:.2f} MB (target <= 3.5 MB) {mark(static, TARGETS['static'])}")
        print("\nPage's own bytes (target <= 400 KB)")
        for page, size in pages:
            print(f"  {page:<40}{size / 1e3:>9.1f} KB {mark(size, TARGETS['page'])}")
        print("\nOffline search (benchmarks/search_size.py)")
        search_rows(out)
        try:
            browser = browser_rows(out)
        except Exception as err:  # noqa: BLE001 - report, do not hide, a missing browser
            print(f"\nBrowser rows skipped: {err}")
            return 1
        print("\nChromium, file:// (medians)")
        print("  data: input event until the SVG paths, readouts and sentence hold the new values (interpolation,")
        print("  paths); +repaint: that plus the main-thread work until the next frame starts; frame: until that")
        print("  frame's callback, idle wait for vsync included. Page ready: load (or, on a lesson, scroll) to ready.")
        print(f"{'page':<32}{'data ms':>9}{'+repaint ms':>15}{'frame ms':>10}{'page ready ms':>15}")
        for name, (data_ms, work_ms, frame_ms, ready_ms) in browser.items():
            ok = (lambda v: mark(v, TARGETS["slider_ms"]) if v == v else "")
            print(f"{name:<32}{data_ms:>9.2f}{work_ms:>12.2f} {ok(work_ms):>2}{frame_ms:>10.2f}"
                  f"{ready_ms:>12.0f} {mark(ready_ms, TARGETS['ready_ms'])}")
    print("\nLive server (mdr-explainer serve): slider -> WebSocket -> Python model -> plotted exact data, median")
    for name, ms in live_rows().items():
        print(f"  {name:<20}{ms:>8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
