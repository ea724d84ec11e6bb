"""A class at once: N readers open a lesson together against the live server; prints the figures.

Each simulated reader does what a browser with an empty cache does: GET the page, then its
stylesheet and scripts (six at a time, gzip accepted), then opens the page's one WebSocket and
asks for every widget's exact outputs. A real Chromium opened during the burst measures the
time until its widgets answer the keyboard (from the grid) and until they show the live model.
Server memory per reader is the servers' RSS with all readers connected and idle, minus the
RSS before, divided by N.

    python benchmarks/load.py                       # 1, 10, 30, 100 readers against one server
    python benchmarks/load.py --target nginx --procs 1,2 --readers 30
    python benchmarks/load.py --url http://127.0.0.1:5090 --readers 10   # a server already running

Traffic goes to 127.0.0.1 only; every run is bounded in readers and time.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"')
CONFIG = re.compile(r'<script type="application/json" class="widget-config">(.*?)</script>', re.S)
PAGE_CONFIG = re.compile(r'<script type="application/json" id="mdr-page">(.*?)</script>', re.S)
TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    """Resident memory of one process, in KB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
        return json.loads(r.read())


def wait_health(port: int, proc: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            health(port)
            return
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server on {port} exited")
            time.sleep(0.3)
    raise SystemExit(f"server on {port} never answered")


@dataclass
class Target:
    """Where readers go, and which server processes (ports) to watch."""
    url: str
    backend_ports: list[int]
    procs: list[subprocess.Popen] = field(default_factory=list)

    def pids(self) -> list[int]:
        return [health(p)["pid"] for p in self.backend_ports]

    def rss_kb(self) -> int:
        return sum(rss_kb(pid) for pid in self.pids())

    def stop(self) -> None:
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def start_local(mdr: list[str], site: str | None = None) -> Target:
    """One `mdr-explainer serve` on a free port (of pages built by `build --live`, if given)."""
    port = free_port()
    proc = subprocess.Popen([*mdr, "serve", "--port", str(port), *(["--site", site] if site else [])], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    wait_health(port, proc)
    return Target(f"http://127.0.0.1:{port}", [port], [proc])


def start_nginx(n: int, mdr: list[str]) -> Target:
    """deploy/run.sh N PORT: N servers behind nginx."""
    port = free_port()
    while any(not port_free(port + i) for i in range(1, n + 1)):
        port = free_port()
    env = {**os.environ, "MDR_EXPLAINER": mdr[0] if len(mdr) == 1 else "mdr-explainer"}
    proc = subprocess.Popen([str(REPO / "deploy" / "run.sh"), str(n), str(port)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for i in range(1, n + 1):
        wait_health(port + i, proc)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return Target(f"http://127.0.0.1:{port}", [port + i for i in range(1, n + 1)], [proc])


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@dataclass
class Reading:
    page_s: float = 0.0
    working_s: float = 0.0
    bytes: int = 0
    error: str = ""


class Reader:
    """One simulated reader with an empty cache and a cookie jar of one cookie."""

    def __init__(self, base: str, path: str):
        self.url = urljoin(base + "/", path.lstrip("/"))
        self.client = AsyncHTTPClient(force_instance=True, max_clients=6)
        self.cookie = ""
        self.socket = None

    async def get(self, url: str) -> bytes:
        headers = {"Accept-Encoding": "gzip"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        response = await self.client.fetch(HTTPRequest(url, headers=headers, decompress_response=True,
                                                        request_timeout=TIMEOUT))
        for value in response.headers.get_list("Set-Cookie"):
            self.cookie = value.split(";", 1)[0]
        return response.body

    async def open(self, check=None) -> Reading:
        reading, t0 = Reading(), time.perf_counter()
        try:
            html = (await self.get(self.url)).decode("utf-8")
            assets = [urljoin(self.url, a) for a in ASSET.findall(html)]
            bodies = await asyncio.gather(*(self.get(a) for a in assets))
            reading.bytes = len(html) + sum(len(b) for b in bodies)
            reading.page_s = time.perf_counter() - t0
            page = json.loads(PAGE_CONFIG.search(html).group(1))
            configs = [json.loads(c) for c in CONFIG.findall(html)]
            live = urljoin(self.url, page["live"]).replace("http://", "ws://", 1)
            scheme_host = "{0.scheme}://{0.netloc}".format(urlsplit(self.url))
            headers = {"Origin": scheme_host, **({"Cookie": self.cookie} if self.cookie else {})}
            self.socket = await asyncio.wait_for(websocket_connect(HTTPRequest(live, headers=headers)), TIMEOUT)
            for i, config in enumerate(configs):
                await self.socket.write_message(json.dumps({"id": i + 1, "instance": config["id"],
                                                            "widget": config["widget"], "values": config["values"]}))
            replies = [json.loads(await asyncio.wait_for(self.socket.read_message(), TIMEOUT)) for _ in configs]
            reading.working_s = time.perf_counter() - t0
            for reply in replies:
                if "outputs" not in reply:
                    raise RuntimeError(f"bad reply {str(reply)[:100]}")
                if check:
                    check(configs[reply["id"] - 1], reply["outputs"])
        except Exception as err:  # a benchmark counts every failure
            reading.error = f"{type(err).__name__}: {err}"[:200]
        return reading

    def close(self) -> None:
        if self.socket:
            self.socket.close()
        self.client.close()


def exact_check(config: dict, outputs: dict) -> None:
    """The reply is the Python model's outputs for those values."""
    from mdr_explainer.lessons.server import exact_outputs
    want = json.loads(json.dumps(exact_outputs(config["widget"], config["values"])))
    if outputs != want:
        raise RuntimeError(f"{config['widget']}: live outputs differ from the Python model")


BROWSER_READY = """() => { const ws = [...document.querySelectorAll('[data-widget]')];
  return ws.length > 0 && ws.every((w) => w.dataset.ready === 'true'); }"""
BROWSER_LIVE = """() => [...document.querySelectorAll('[data-widget]')].every((w) => w.dataset.source === 'live')"""


async def browser_reader(url: str, started: asyncio.Event, result: dict) -> None:
    """A real Chromium: time until its first visible widget answers the keyboard, from the grid and live."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        result["error"] = "playwright not installed"
        return
    chromium = os.environ.get("MDR_CHROMIUM", "/usr/bin/chromium")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = await (await browser.new_context()).new_page()
        await started.wait()
        t0 = time.perf_counter()
        try:
            await page.goto(url + "?reader=student", wait_until="domcontentloaded", timeout=60000)
            await page.wait_for_function(BROWSER_READY, timeout=60000)
            control = page.locator("[data-widget] input[type=range]:visible").first
            await control.focus()
            before = await control.input_value()
            await page.keyboard.press("ArrowRight")
            if await control.input_value() == before:
                await page.keyboard.press("ArrowLeft")
            result["keyboard_s"] = time.perf_counter() - t0
            await page.wait_for_function(BROWSER_LIVE, timeout=60000)
            result["live_s"] = time.perf_counter() - t0
        except Exception as err:
            result["error"] = f"{type(err).__name__}: {err}"[:200]
        await browser.close()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def burst(target: Target, path: str, n: int, with_browser: bool) -> dict:
    """N readers open the page at once (plus a browser); then all sit idle, connected, while memory is read."""
    gc.collect()
    before = target.rss_kb()
    served_before = {p: health(p)["sockets_served"] for p in target.backend_ports}
    started, browser_result = asyncio.Event(), {}
    browser_task = asyncio.create_task(browser_reader(target.url + path, started, browser_result)) if with_browser else None
    if browser_task:
        await asyncio.sleep(3)  # let Chromium start before the burst
    readers = [Reader(target.url, path) for _ in range(n)]
    started.set()
    t0 = time.perf_counter()
    readings = await asyncio.gather(*(r.open(exact_check if i == 0 else None) for i, r in enumerate(readers)))
    burst_s = time.perf_counter() - t0
    if browser_task:
        await browser_task
    await asyncio.sleep(1.0)
    after = target.rss_kb()
    per_process = {p: health(p)["open_sockets"] for p in target.backend_ports}
    served = {p: health(p)["sockets_served"] - served_before[p] for p in target.backend_ports}
    for r in readers:
        r.close()
    ok = [r for r in readings if not r.error]
    return {"n": n, "burst_s": burst_s, "errors": [r.error for r in readings if r.error],
            "page_p50": pct([r.page_s for r in ok], .5), "page_p95": pct([r.page_s for r in ok], .95),
            "work_p50": pct([r.working_s for r in ok], .5), "work_p95": pct([r.working_s for r in ok], .95),
            "mb_per_reader": (after - before) / 1024 / n, "rss_mb": after / 1024,
            "kb_per_page": statistics.mean([r.bytes for r in ok]) / 1024 if ok else 0,
            "open_per_process": per_process, "served_per_process": served, "browser": browser_result}


def print_row(label: str, r: dict) -> None:
    b = r["browser"]
    browser = (f"{b['keyboard_s']:5.2f} s / {b['live_s']:5.2f} s" if "live_s" in b
               else (b.get("error", "-")[:40] if b else "-"))
    print(f"{label:<10} {r['n']:>4}  {r['page_p50']:6.2f} {r['page_p95']:6.2f}   {r['work_p50']:6.2f} {r['work_p95']:6.2f}"
          f"   {browser:<20} {r['mb_per_reader']:6.3f} {r['rss_mb']:7.1f}  {len(r['errors']):>3}   "
          f"{' '.join(str(v) for v in r['served_per_process'].values())}", flush=True)
    for err in sorted(set(r["errors"]))[:3]:
        print(f"           error: {err}")


HEADER = ("target       N  page p50/p95 (s)  working p50/p95 (s)  browser keys/live   MB/reader  RSS MB  err"
          "   sockets per process")


def loopback_only(url: str | None) -> None:
    """These benchmarks load a server hard: they only ever talk to this machine."""
    if url and urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"{url}: the benchmarks only run against 127.0.0.1 (loopback)")


async def run(args) -> None:
    loopback_only(args.url)
    mdr = [args.mdr] if args.mdr else [sys.executable, "-m", "mdr_explainer.lessons.cli"]
    counts = [int(x) for x in args.readers.split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; lesson {args.path}")
    print(HEADER)
    setups = ([("url", None)] if args.url else
              [(f"nginx N={n}", n) for n in map(int, args.procs.split(","))] if args.target == "nginx" else [("local", None)])
    for label, procs in setups:
        target = (Target(args.url, [int(p) for p in args.ports.split(",")] if args.ports else [urlsplit(args.url).port])
                  if args.url else start_nginx(procs, mdr) if procs else start_local(mdr, args.site))
        try:
            from mdr_explainer.lessons.server import exact_outputs  # noqa: F401  (imported before timing)
            warm = Reader(target.url, args.path)  # warm up: first-use costs are not per reader
            await warm.open()
            warm.close()
            await asyncio.sleep(1)
            for n in counts:
                print_row(label, await burst(target, args.path, n, not args.no_browser))
                await asyncio.sleep(2)
        finally:
            target.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--readers", default="1,10,30,100", help="comma-separated reader counts")
    ap.add_argument("--path", default="/mdr1-pump/", help="the lesson to open")
    ap.add_argument("--target", choices=["local", "nginx"], default="local")
    ap.add_argument("--procs", default="1,2", help="with --target nginx: server process counts to compare")
    ap.add_argument("--url", help="a server already running (its /healthz is read for memory)")
    ap.add_argument("--ports", help="with --url behind a proxy: the backend ports to read /healthz from")
    ap.add_argument("--mdr", help="the mdr-explainer command (default: this Python's module)")
    ap.add_argument("--site", help="with --target local: serve pages built by `mdr-explainer build --live`")
    ap.add_argument("--no-browser", action="store_true", help="skip the real Chromium")
    args = ap.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
