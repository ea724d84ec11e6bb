"""Benchmark: the offline search index (bytes raw and gzip, entries) and query time in Chromium.

Run: python benchmarks/search_size.py   (builds the site; the query row needs Debian's chromium)
"""
from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mdr_explainer.lessons.build import build_site  # noqa: E402

TARGET_GZIP = 60_000
QUERIES = ["p", "pump", "glycoprot", "goldie colman", "adaptive dosing", "questions to ask", "verapamil", "resistance"]
PROBE = """(queries) => {
  const index = MDRSearch.prepare(window.MDR_SEARCH), times = [];
  for (let round = 0; round < 20; round++) {
    for (const q of queries) { const t0 = performance.now(); MDRSearch.search(index, q); times.push(performance.now() - t0); }
  }
  return times;
}"""


def query_ms(out: Path) -> list[float]:
    """Per-query times in ms for typical queries, run in Chromium against the built index."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((out / "index.html").as_uri())
        page.get_by_role("combobox").focus()
        page.wait_for_function("() => window.MDR_SEARCH && window.MDRSearch")
        times = page.evaluate(PROBE, QUERIES)
        browser.close()
    return times


def main() -> None:
    """Build, then print the index size and query time against the targets."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        build_site(REPO / "content", out)
        data = next((out / "static").glob("search.*.js")).read_bytes()
        packed = len(gzip.compress(data, 9))
        entries = data.count(b'],["') + 1
        print(f"{'search index':<28}{'value':>12}{'target':>12}")
        print(f"{'entries':<28}{entries:>12}")
        print(f"{'bytes (raw)':<28}{len(data):>12,}")
        print(f"{'bytes (gzip -9)':<28}{packed:>12,}{TARGET_GZIP:>12,}  {'ok' if packed <= TARGET_GZIP else 'OVER'}")
        try:
            times = query_ms(out)
        except Exception as err:  # no Chromium here: sizes still count
            print(f"query time: not measured ({err})")
            return
        print(f"{'query ms (median)':<28}{statistics.median(times):>12.3f}")
        print(f"{'query ms (max)':<28}{max(times):>12.3f}")


if __name__ == "__main__":
    main()
