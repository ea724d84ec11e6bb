"""Lighthouse, as the issue measures it: the built site on a local static server that gzips, mobile defaults.

Prints one row per page (index, every lesson, every embed page): performance, LCP, TBT, CLS,
first-view bytes, accessibility, best practices and SEO, with a mark on each figure that
misses its target.

Needs Lighthouse from npm (not vendored; nothing here is needed by the site or the tests):
    cd benchmarks && npm install                 # lighthouse 12 (package.json); node_modules is gitignored
or set LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse. Chromium: CHROME_PATH (default /usr/bin/chromium).

    python benchmarks/lighthouse.py [--pages mdr1-pump/index.html ...] [--embed dose_response] [--json out.json]
    (about 20 s a page on two cores)
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGETS = {  # (figure, best direction, limit) for lessons and the index; embed pages: performance >= 85
    "performance": (">=", 95), "lcp_s": ("<=", 1.8), "tbt_ms": ("<=", 150), "cls": ("<=", 0.02),
    "kb": ("<=", 120), "accessibility": (">=", 100), "best_practices": (">=", 100), "seo": (">=", 100),
}
EMBED_TARGETS = {**TARGETS, "performance": (">=", 85), "lcp_s": ("<=", 99), "tbt_ms": ("<=", 1e9), "kb": ("<=", 1e9)}
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".webmanifest")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text, as any real host does, and caches nothing."""

    def log_message(self, *args):
        """Say nothing."""

    def send_head(self):
        """Serve a gzipped body for text files when the client accepts gzip."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSIBLE and wants_gzip):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000" if "/static/" in self.path else "no-cache")
        self.end_headers()
        return _Body(body)


class _Body:
    """A bytes body that SimpleHTTPRequestHandler can copy and close like a file."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        """All the bytes, then nothing."""
        data, self.data = self.data, b""
        return data

    def close(self):
        """Nothing to close."""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free local port in a background thread."""
    handler = lambda *a, **k: GzipHandler(*a, directory=str(folder), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def lighthouse_command() -> list[str]:
    """The Lighthouse CLI, or a clear error saying how to install it."""
    found = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    local = HERE / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        found = found or str(local)
    if not found:
        sys.exit("lighthouse not found: run `cd benchmarks && npm install lighthouse`, or set LIGHTHOUSE=/path/to/lighthouse")
    return [found]


def measure(url: str) -> dict:
    """One Lighthouse run (mobile, default throttling) reduced to the figures the issue tracks."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    out = subprocess.run(lighthouse_command() + [
        url, "--output=json", "--output-path=stdout", "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    audits, cats = report["audits"], report["categories"]

    def score(name):
        return round(100 * (cats[name]["score"] or 0))

    failing = [a["id"] for a in audits.values() if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    return {
        "performance": score("performance"), "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"], "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024, "accessibility": score("accessibility"),
        "best_practices": score("best-practices"), "seo": score("seo"), "failing": failing,
    }


def meets(value: float, rule: tuple[str, float]) -> bool:
    """True if a figure meets its target."""
    op, limit = rule
    return value >= limit if op == ">=" else value <= limit


def table(rows: list[tuple[str, dict]]) -> str:
    """The results as a Markdown table; a figure that misses its target carries a !."""
    head = "| page | performance | LCP | TBT | CLS | first-view KB | accessibility | best practices | SEO |"
    lines = [head, "|" + " --- |" * 9]
    for page, r in rows:
        targets = EMBED_TARGETS if page.startswith("embed/") else TARGETS

        def cell(key, text):
            return text + ("" if meets(r[key], targets[key]) else " !")

        lines.append("| " + " | ".join([
            f"`{page}`", cell("performance", f"{r['performance']}"), cell("lcp_s", f"{r['lcp_s']:.2f} s"),
            cell("tbt_ms", f"{r['tbt_ms']:.0f} ms"), cell("cls", f"{r['cls']:.3f}"), cell("kb", f"{r['kb']:.0f}"),
            cell("accessibility", f"{r['accessibility']}"), cell("best_practices", f"{r['best_practices']}"),
            cell("seo", f"{r['seo']}")]) + " |")
    return "\n".join(lines)


def default_pages(site: Path, embed: str | None) -> list[str]:
    """The index, every lesson (in order) and every embed page (or the one asked for)."""
    from mdr_explainer.lessons.content import load_content
    from mdr_explainer.widgets.registry import REGISTRY

    lessons = load_content(REPO / "content").lessons
    embeds = [embed] if embed else list(REGISTRY)
    return (["index.html"] + [f"{lesson.slug}/index.html" for lesson in lessons]
            + [f"embed/{name}/index.html" for name in embeds])


def main() -> None:
    """Build, serve gzipped, run Lighthouse on each page and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="pages to measure (default: index, every lesson, every embed)")
    parser.add_argument("--embed", help="measure only this widget's embed page (default: every embed page)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from mdr_explainer.lessons.build import build_site

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build_site(REPO / "content", site)
        server, base = serve(site)
        rows = []
        try:
            for page in args.pages or default_pages(site, args.embed):
                result = measure(f"{base}/{page}")
                rows.append((page, result))
                print(f"{page}: performance {result['performance']}, failing audits: {result['failing'] or 'none'}",
                      file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(dict(rows), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
