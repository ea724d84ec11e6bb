"""pa11y with both runners (HTML_CodeSniffer and axe) at WCAG 2 AA finds no error on any page of the built site.

Counted: every HTML_CodeSniffer error and every axe violation (any impact). Set aside only what
tests/validators/config.yaml names, each with its reason.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter

from conftest import chromium_or_fail
from validator_tools import VALIDATORS, config, html_pages, npm_tool, program, served


def counted(issue: dict) -> bool:
    """An issue that is an error: an HTML_CodeSniffer error, or an axe violation (not "needs review")."""
    if issue["runner"] == "axe":
        return not issue["needsReview"]
    return issue["type"] == "error"


def test_every_page_passes_pa11y_with_htmlcs_and_axe(validated_site):
    site, _ = validated_site
    chromium = chromium_or_fail()
    node = program("node", "nodejs")
    npm_tool("pa11y")
    settings = config()["pa11y"]
    pages = html_pages(site)
    started = time.perf_counter()
    with served(site) as root:
        job = {"urls": [root + page for page in pages], "runners": settings["runners"], "standard": settings["standard"],
               "ignore": [rule["rule"] for rule in settings["ignore"]], "executablePath": chromium}
        run = subprocess.run([node, str(VALIDATORS / "pa11y-pages.js"), json.dumps(job)], capture_output=True, text=True,
                             timeout=1200, cwd=VALIDATORS, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    found = {url.removeprefix(root): issues for url, issues in json.loads(run.stdout).items()}
    assert sorted(found) == pages, "every page was checked"
    errors = [(page, issue) for page, issues in found.items() for issue in issues if counted(issue)]
    by_runner = Counter(issue["runner"] for _, issue in errors)
    print(f"pa11y: {len(pages)} pages, htmlcs {by_runner['htmlcs']} errors, axe {by_runner['axe']} violations, "
          f"{time.perf_counter() - started:.1f} s")
    summary = Counter(f"{issue['runner']} {issue['code']} on {page}: {issue['context'][:120]}" for page, issue in errors)
    assert not summary, "\n".join(f"{n} x {line}" for line, n in summary.most_common(40))
