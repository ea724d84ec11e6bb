"""The live server: the static site's own pages, plus the Python model over a WebSocket.

Live pages are the static pages (one site model, one renderer), built once at start-up with a
live endpoint in their page config. A page works at once from its precomputed grid; its
widgets then ask `/live` for the model's exact outputs, and fall back to the grid, quietly, if
the server goes away. Every URL form a static host answers works here too.

Serving a class from one small machine: pages and assets are files, gzip-compressed once at
start-up and cached by browsers (hashed assets forever); the only Python per reader is one
WebSocket that holds no state beyond the connection, and the model's answers are cached per
(widget, values). Connection lifetime: a ping every PING_SECONDS closes sockets whose reader
has gone (laptop shut, network lost) within PING_TIMEOUT_SECONDS; a socket with no request for
IDLE_SECONDS is closed with code IDLE_CODE, after which the page works from its grid and
reconnects when its reader next moves a widget.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
import mimetypes
import os
import tempfile
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np
import panel as pn
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.web import RequestHandler, StaticFileHandler
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from mdr_explainer.widgets.framework.url_state import checked_values
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

from .build import build_site

LIVE_PATH = "live"
HEALTH_PATH = "healthz"
MAX_MESSAGE_BYTES = 16_384
# A dead peer is noticed within PING_SECONDS + PING_TIMEOUT_SECONDS (40 s; Tornado caps the timeout at the interval), so a
# class leaving frees its sockets at once; a reader who stays on a page without touching a
# widget for half an hour (a lesson read, a tab left open) gives back the socket too, at no cost
# to them: the page keeps working from its grid and reconnects on their next move.
PING_SECONDS = 20
PING_TIMEOUT_SECONDS = 20
IDLE_SECONDS = 1800
IDLE_CODE = 4000
CACHE_ENTRIES = 1024
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml"}
log = logging.getLogger("mdr_explainer.server")


def precompress(site: Path, min_bytes: int = 512) -> int:
    """Write file.gz beside every compressible file of the site; returns how many were written."""
    count = 0
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size >= min_bytes:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
            count += 1
    return count


class SitePage(StaticFileHandler):
    """Serves the built site: /slug/ and /slug/index.html; /slug redirects to /slug/ keeping the query.

    A browser that accepts gzip gets the precompressed copy; hashed assets are immutable.
    """

    def validate_absolute_path(self, root: str, absolute_path: str):
        """Redirect a folder without its slash (with the query string), else serve as usual."""
        if Path(absolute_path).is_dir() and not self.request.path.endswith("/"):
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(self.request.path + "/" + query, permanent=False)
            return None
        path = super().validate_absolute_path(root, absolute_path)
        self.gzipped = False
        if path and "gzip" in self.request.headers.get("Accept-Encoding", "") and os.path.isfile(path + ".gz"):
            self.gzipped = True
            self._stat_result = os.stat(path + ".gz")  # size and time of the file actually sent
            return path + ".gz"
        return path

    def get_content_type(self) -> str:
        """The type of the file itself, not of its compressed copy."""
        if getattr(self, "gzipped", False):
            kind, _ = mimetypes.guess_type(self.absolute_path[:-3])
            if kind:
                return kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else "")
        return super().get_content_type()

    def set_extra_headers(self, path: str) -> None:
        """Hashed assets never change; pages are revalidated."""
        hashed = path.startswith("static/") and (path.startswith("static/vendor/") or path.count(".") >= 2)
        self.set_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Vary", "Accept-Encoding")
        if getattr(self, "gzipped", False):
            self.set_header("Content-Encoding", "gzip")

    def write_error(self, status_code: int, **kwargs) -> None:
        """A plain page for missing addresses."""
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: nothing here. Start from the lesson list at /\n")


@lru_cache(maxsize=None)
def view_outputs(name: str) -> frozenset[str]:
    """The outputs a widget's views use: drawn, read out or named in its (English) sentence."""
    return frozenset(REGISTRY[name].output_keys(widget_text(name).sentence))


def exact_outputs(name: str, raw_values: dict) -> dict:
    """The model's outputs that a widget's views use, as JSON-ready numbers and lists."""
    widget = REGISTRY[name]
    values = checked_values(widget, raw_values, widget.defaults())
    outputs = widget.run(values)
    return {k: (np.round(v, 9).tolist() if isinstance(v, np.ndarray) else (round(v, 12) if math.isfinite(v) else None))
            for k, v in outputs.items() if k in view_outputs(name)}


class OutputCache:
    """The model's outputs as JSON text per (widget, checked values); least recently used go first."""

    def __init__(self, size: int = CACHE_ENTRIES):
        self.size, self.entries, self.hits, self.misses = size, OrderedDict(), 0, 0

    @staticmethod
    def key(name: str, raw_values: dict) -> tuple:
        """(widget, its checked values in parameter order): one key per state the model can be in."""
        widget = REGISTRY[name]
        values = checked_values(widget, raw_values, widget.defaults())
        return (name, tuple(values[p.name] for p in widget.params))

    def lookup(self, key: tuple) -> str | None:
        """The cached JSON for a key, or None."""
        text = self.entries.get(key)
        if text is not None:
            self.hits += 1
            self.entries.move_to_end(key)
        return text

    @staticmethod
    def compute(key: tuple) -> str:
        """Run the model for a key (safe to call off the event loop: touches no shared state)."""
        name, state = key
        return json.dumps(exact_outputs(name, dict(zip((p.name for p in REGISTRY[name].params), state))),
                          separators=(",", ":"))

    def store(self, key: tuple, text: str) -> str:
        """Remember a computed answer, dropping the least recently used beyond the size."""
        self.misses += 1
        self.entries[key] = text
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return text

    def get(self, name: str, raw_values: dict) -> str:
        """JSON of exact_outputs(name, raw_values), computed once per distinct checked state."""
        key = self.key(name, raw_values)
        text = self.lookup(key)
        return text if text is not None else self.store(key, self.compute(key))


CACHE = OutputCache()


BAD_REQUEST = (ValueError, KeyError, TypeError, AttributeError)
# One thread runs the model, so the event loop keeps serving pages and pings while it works.
MODEL_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mdr-model")


def parse_request(message: str) -> tuple[str, str, tuple]:
    """(instance, the reply's head: id and instance, cache key) of one request; raises BAD_REQUEST errors."""
    request = json.loads(message)
    instance = str(request["instance"])
    head = '{"id":%s,"instance":%s,"outputs":' % (json.dumps(request["id"]), json.dumps(instance))
    return instance, head, OutputCache.key(str(request["widget"]), dict(request["values"]))


def error_reply(err: Exception) -> str:
    """What a bad request gets back."""
    return json.dumps({"error": f"bad request: {err}"})


class LiveModel(WebSocketHandler):
    """One reader's page: each message names a widget instance and its values; the reply holds its outputs.

    Holds nothing beyond the connection: the set of open sockets (for /healthz and the idle
    sweep), when each last asked, and its unanswered latest request per widget instance.
    """

    allowed: set[str] = set()
    open_sockets: set["LiveModel"] = set()
    served = 0
    messages = 0
    sweeper: PeriodicCallback | None = None
    # Tornado reads these per connection: pings find dead peers; a big message is refused.
    ping_interval = PING_SECONDS
    ping_timeout = PING_TIMEOUT_SECONDS
    max_message_size = MAX_MESSAGE_BYTES

    def check_origin(self, origin: str) -> bool:
        """Same host, or a host the operator allowed."""
        host = origin.split("://", 1)[-1].rstrip("/")
        return host == self.request.host or host in self.allowed

    def open(self) -> None:
        """Count the socket and make sure idle ones are swept."""
        self.last, self.pending, self.working = time.monotonic(), {}, False
        LiveModel.open_sockets.add(self)
        LiveModel.served += 1
        if LiveModel.sweeper is None:
            LiveModel.sweeper = PeriodicCallback(LiveModel.sweep, 60_000)
            LiveModel.sweeper.start()

    def on_close(self) -> None:
        """Forget the socket."""
        LiveModel.open_sockets.discard(self)

    @classmethod
    def sweep(cls, now: float | None = None) -> None:
        """Close every socket that has asked nothing for IDLE_SECONDS."""
        now = time.monotonic() if now is None else now
        for socket in [s for s in cls.open_sockets if now - s.last > IDLE_SECONDS]:
            cls.open_sockets.discard(socket)
            socket.close(IDLE_CODE, "idle")

    def on_connection_close(self) -> None:
        """Drop unanswered requests of a reader who has gone."""
        self.pending = {}
        super().on_connection_close()

    def on_message(self, message) -> None:
        """Answer one request: at once from the cache, else queue it for the model thread.

        Only each instance's latest request waits: a reader dragging a slider sends one request per
        step, and the page shows only the answer to the latest, so older unanswered ones are dropped.
        """
        self.last = time.monotonic()
        LiveModel.messages += 1
        try:
            instance, head, key = parse_request(message)
        except BAD_REQUEST as err:
            self.send(error_reply(err))
            return
        text = CACHE.lookup(key)
        if text is not None:
            self.pending.pop(instance, None)
            self.send(head + text + "}")
            return
        self.pending.pop(instance, None)
        self.pending[instance] = (head, key)
        if not self.working:
            self.working = True
            IOLoop.current().spawn_callback(self.drain)

    async def drain(self) -> None:
        """Compute the queued requests, oldest instance first, off the event loop."""
        try:
            while self.pending:
                instance = next(iter(self.pending))
                head, key = self.pending.pop(instance)
                text = CACHE.lookup(key)
                if text is None:
                    text = CACHE.store(key, await IOLoop.current().run_in_executor(MODEL_THREAD, CACHE.compute, key))
                if not self.send(head + text + "}"):
                    self.pending.clear()
        finally:
            self.working = False

    def send(self, reply: str) -> bool:
        """Write a reply; False if the reader has gone."""
        try:
            self.write_message(reply)
            return True
        except WebSocketClosedError:
            return False


class Health(RequestHandler):
    """This process: its pid, open sockets, sockets served, messages answered, model cache use."""

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.write({"ok": True, "pid": os.getpid(), "open_sockets": len(LiveModel.open_sockets),
                    "sockets_served": LiveModel.served, "messages": LiveModel.messages,
                    "cache": {"entries": len(CACHE.entries), "hits": CACHE.hits, "misses": CACHE.misses}})


# Paths Bokeh and Panel serve themselves on the same server (BokehJS and extensions under /static/js/,
# /static/lib/ and /static/extensions/, Panel's component modules under /components/): the site's
# catch-all leaves them alone, so Panel apps served beside the site load. The site's own static/
# holds files, data/ and vendor/ only (tests/test_browser_panel.py checks both).
BOKEH_PATHS = r"(?!static/(?:js|lib|extensions)/|components/)"


def routes(site: Path, origins: list[str]) -> list:
    """Tornado routes: the live model, the health report, then every file of the built site."""
    LiveModel.allowed = set(origins)
    return [(rf"/{LIVE_PATH}", LiveModel), (rf"/{HEALTH_PATH}", Health),
            (rf"/{BOKEH_PATHS}(.*)", SitePage, {"path": str(site), "default_filename": "index.html"})]


def build_live(content_dir: Path, site: Path, locale: str = "en") -> float:
    """Build the live pages (the static site with the live endpoint) and their gzip copies; seconds taken."""
    report = build_site(content_dir, site, locale=locale, live=LIVE_PATH)
    precompress(site)
    return report.seconds


def serve(content_dir: Path, port: int = 5006, show: bool = False, address: str = "127.0.0.1",
          num_procs: int = 1, origins: list[str] | None = None, locale: str = "en", site: Path | None = None):
    """Build the live pages (unless given a folder built by `build --live`), then serve them; blocks until stopped."""
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="mdr-live-")) / "site"
        print(f"live pages built in {build_live(content_dir, site, locale):.1f} s", flush=True)
    elif not (Path(site) / "index.html").is_file():
        raise SystemExit(f"{site} has no pages: build them with `mdr-explainer build --live --out {site}`")
    print(f"serving {site} at http://{address}:{port}/ (pid {os.getpid()})", flush=True)
    allowed = [f"{address}:{port}", f"localhost:{port}", f"127.0.0.1:{port}", *(origins or [])]
    return pn.serve({}, port=port, address=address, show=show, title="Why Chemo Stops Working",
                    extra_patterns=routes(site, allowed), websocket_origin=allowed, num_procs=num_procs,
                    print_url=False)
