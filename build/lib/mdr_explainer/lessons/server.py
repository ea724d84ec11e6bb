"""The live server: the static site's own pages, plus the Python model over a WebSocket.

Live pages are the static pages (one site model, one renderer), built once at start-up with a
live endpoint in their page config. A page works at once from its precomputed grid; its
widgets then ask `/live` for the model's exact outputs, and fall back to the grid, quietly, if
the server goes away. Every URL form a static host answers works here too.
"""
from __future__ import annotations

import json
import logging
import math
import tempfile
from pathlib import Path

import numpy as np
import panel as pn
from tornado.web import HTTPError, StaticFileHandler
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from mdr_explainer.widgets.framework.url_state import checked_values
from mdr_explainer.widgets.registry import REGISTRY

from .build import build_site

LIVE_PATH = "live"
MAX_MESSAGE_BYTES = 16_384
log = logging.getLogger("mdr_explainer.server")


class SitePage(StaticFileHandler):
    """Serves the built site: /slug/ and /slug/index.html; /slug redirects to /slug/ keeping the query."""

    def validate_absolute_path(self, root: str, absolute_path: str):
        """Redirect a folder without its slash (with the query string), else serve as usual."""
        if Path(absolute_path).is_dir() and not self.request.path.endswith("/"):
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(self.request.path + "/" + query, permanent=False)
            return None
        return super().validate_absolute_path(root, absolute_path)

    def set_extra_headers(self, path: str) -> None:
        """Hashed assets never change; pages are revalidated."""
        hashed = path.startswith("static/") and (path.startswith("static/vendor/") or path.count(".") >= 2)
        self.set_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs) -> None:
        """A plain page for missing addresses."""
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: nothing here. Start from the lesson list at /\n")


def exact_outputs(name: str, raw_values: dict) -> dict:
    """The model's outputs that a widget's views use, as JSON-ready numbers and lists."""
    widget = REGISTRY[name]
    values = checked_values(widget, raw_values, widget.defaults())
    outputs = widget.run(values)
    return {k: (np.round(v, 9).tolist() if isinstance(v, np.ndarray) else (round(v, 12) if math.isfinite(v) else None))
            for k, v in outputs.items() if k in set(widget.output_keys())}


class LiveModel(WebSocketHandler):
    """One reader's page: each message names a widget instance and its values; the reply holds its outputs."""

    allowed: set[str] = set()

    def check_origin(self, origin: str) -> bool:
        """Same host, or a host the operator allowed."""
        host = origin.split("://", 1)[-1].rstrip("/")
        return host == self.request.host or host in self.allowed

    def on_message(self, message) -> None:
        """Run the model for one request and answer; a bad request is answered with an error, never a crash."""
        if len(message) > MAX_MESSAGE_BYTES:
            self.close(1009, "message too large")
            return
        try:
            request = json.loads(message)
            reply = {"id": request["id"], "instance": str(request["instance"]),
                     "outputs": exact_outputs(str(request["widget"]), dict(request["values"]))}
        except (ValueError, KeyError, TypeError) as err:
            reply = {"error": f"bad request: {err}"}
        try:
            self.write_message(json.dumps(reply, separators=(",", ":")))
        except WebSocketClosedError:
            pass


def routes(site: Path, origins: list[str]) -> list:
    """Tornado routes: the live model, then every file of the built site."""
    LiveModel.allowed = set(origins)
    return [(rf"/{LIVE_PATH}", LiveModel),
            (r"/(.*)", SitePage, {"path": str(site), "default_filename": "index.html"})]


def serve(content_dir: Path, port: int = 5006, show: bool = False, address: str = "127.0.0.1",
          num_procs: int = 1, origins: list[str] | None = None, locale: str = "en"):
    """Build the live pages, then serve them with Panel's server; blocks until stopped."""
    site = Path(tempfile.mkdtemp(prefix="mdr-live-")) / "site"
    report = build_site(content_dir, site, locale=locale, live=LIVE_PATH)
    print(f"live pages built in {report.seconds:.1f} s; serving http://{address}:{port}/", flush=True)
    allowed = [f"{address}:{port}", f"localhost:{port}", f"127.0.0.1:{port}", *(origins or [])]
    return pn.serve({}, port=port, address=address, show=show, title="Why Chemo Stops Working",
                    extra_patterns=routes(site, allowed), websocket_origin=allowed, num_procs=num_procs,
                    print_url=False)
