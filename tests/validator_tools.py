"""What the validator tests share: the npm tools under tests/validators/, their one config, a loopback server."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from conftest import REPO

VALIDATORS = REPO / "tests" / "validators"
BIN = VALIDATORS / "node_modules" / ".bin"
VNU_JAR = VALIDATORS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@functools.cache
def config() -> dict:
    """tests/validators/config.yaml: the only place a report that is not a defect is set aside."""
    return yaml.safe_load((VALIDATORS / "config.yaml").read_text(encoding="utf-8"))


def missing(what: str, how: str):
    """Fail under CI=true (.ci/run installs every validator), skip elsewhere, saying how to install."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} not found; {how}")
    pytest.skip(f"{what} not found; {how}")


NPM_HOW = "run `npm ci --prefix tests/validators` (.ci/run does)"


def npm_tool(name: str) -> str:
    """A command installed by tests/validators/package.json."""
    path = BIN / name
    if not path.exists():
        missing(f"the npm tool {name} ({path})", NPM_HOW)
    return str(path)


def program(name: str, package: str) -> str:
    """A program on PATH (node, java)."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} on PATH", f"install Debian's {package} (.ci/run does)")
    return found


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to it, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path):
    """The site on a free loopback port (http://127.0.0.1:N/), stopped afterwards."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
