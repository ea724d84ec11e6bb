"""Benchmark: the offline full-text search index (bytes raw and gzip, docs) and its cost in Chromium:
building the inverted index on first use, and the median query time.

Run: python benchmarks/search_size.py   (builds the site; the time rows need Debian's chromium)
benchmarks/run.py prints the same rows for the site it builds.
"""
from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mdr_explainer.lessons.build import build_site  # noqa: E402

TARGET_GZIP = 150_000
TARGET_QUERY_MS = 5.0
QUERIES = ["p", "pump", "glycoprot", "goldie colman", "adaptive dosing", "questions to ask", "verapamil", "resistance",
           "tariquidar", "zosuquidar", "valspodar", "gemtuzumab", "tariquidr", "inhibitors", "pumping drugs out"]
PROBE = """(queries) => {
  const t0 = performance.now(), index = MDRSearch.prepare(window.MDR_SEARCH), prepare = performance.now() - t0, times = [];
  for (let round = 0; round < 20; round++) {
    for (const q of queries) { const t = performance.now(); MDRSearch.search(index, q); times.push(performance.now() - t); }
  }
  return {prepare, times};
}"""


def index_bytes(out: Path) -> bytes:
    """The built index script."""
    return next((out / "static").glob("search.*.js")).read_bytes()


def size_row(out: Path) -> dict:
    """Docs and pages in the index and its bytes, raw and gzip -9."""
    data = index_bytes(out)
    index = json.loads(data.decode("utf-8").split("=", 1)[1].rstrip().rstrip(";"))
    return {"docs": len(index["docs"]), "pages": len(index["pages"]), "raw": len(data), "gzip": len(gzip.compress(data, 9))}


def time_row(out: Path) -> dict:
    """Index-building time and per-query times in ms for typical queries, in Chromium against the built index."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((out / "index.html").as_uri())
        page.get_by_role("combobox").focus()
        page.wait_for_function("() => window.MDR_SEARCH && window.MDRSearch")
        result = page.evaluate(PROBE, QUERIES)
        browser.close()
    times = result["times"]
    return {"prepare": result["prepare"], "median": statistics.median(times), "max": max(times)}


def print_rows(out: Path) -> None:
    """Print the index size and query time against the targets."""
    size = size_row(out)
    print(f"{'search index':<28}{'value':>12}{'target':>12}")
    print(f"{'docs (headings) / pages':<28}{size['docs']:>7} / {size['pages']:<3}")
    print(f"{'bytes (raw)':<28}{size['raw']:>12,}")
    print(f"{'bytes (gzip -9)':<28}{size['gzip']:>12,}{TARGET_GZIP:>12,}  {'ok' if size['gzip'] <= TARGET_GZIP else 'OVER'}")
    try:
        times = time_row(out)
    except Exception as err:  # noqa: BLE001 - no Chromium here: sizes still count
        print(f"query time: not measured ({err})")
        return
    print(f"{'index build ms (first use)':<28}{times['prepare']:>12.1f}")
    print(f"{'query ms (median)':<28}{times['median']:>12.3f}{TARGET_QUERY_MS:>12.1f}  "
          f"{'ok' if times['median'] <= TARGET_QUERY_MS else 'OVER'}")
    print(f"{'query ms (max)':<28}{times['max']:>12.3f}")


def main() -> None:
    """Build the site into a temporary folder, then print the rows."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        build_site(REPO / "content", out)
        print_rows(out)


if __name__ == "__main__":
    main()
