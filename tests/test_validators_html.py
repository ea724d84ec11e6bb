"""The W3C Nu Html Checker (vnu.jar from npm, run by Java) finds no error on any page of the built site."""
from __future__ import annotations

import json
import subprocess
import time
from collections import Counter

from validator_tools import VNU_JAR, NPM_HOW, config, html_pages, missing, program


def test_every_page_is_valid_html(validated_site):
    site, _ = validated_site
    java = program("java", "default-jre-headless")
    if not VNU_JAR.exists():
        missing(f"vnu.jar ({VNU_JAR})", NPM_HOW)
    started = time.perf_counter()
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    ignored = set(config()["vnu"]["ignore"])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") and m.get("message") not in ignored]
    print(f"vnu: {len(html_pages(site))} pages, {len(errors)} errors, {time.perf_counter() - started:.1f} s")
    summary = Counter(f"{m['url'].split(str(site))[-1]}: {m['message']}" for m in errors)
    assert not summary, "\n".join(f"{n} x {line}" for line, n in summary.most_common(40))
    assert run.returncode in (0, 1), run.stderr[-2000:]
