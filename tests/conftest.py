"""Shared fixtures: tiny content that passes `check`, the built site, a live server and a locked-down browser."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("MDR_CHROMIUM", "/usr/bin/chromium"))
LOCAL_PREFIXES = ("file://", "http://127.0.0.1", "http://localhost", "blob:", "data:", "about:")

REFERENCES = """\
smith2020:
  authors: Smith A
  title: A study
  journal: J Test
  year: 2020
  pmid: "12345"
jones2021:
  authors: Jones B
  title: Another study
  journal: J Test
  year: 2021
  doi: 10.1000/test
lee2022:
  authors: Lee C
  title: A third study
  journal: J Test
  year: 2022
  url: https://example.org/lee2022
"""
GLOSSARY = """\
P-glycoprotein:
  definition: A pump that pushes drugs out of cells.
  aliases: [P-gp]
  source: smith2020
"""
LESSON = """\
---
title: A tiny lesson
slug: tiny
reviewed: 2026-12-01
key_message: Pumps push drugs out.
patient_message: Some cells have pumps that push drugs out.
reading_time: 3
objectives: [Say what a pump does., Say what powers it., Say why it matters.]
references: [smith2020, jones2021, lee2022]
---

Shared intro.

::: patient
Plain words about [[P-gp]].

## Questions to ask your care team

- Does my cancer make this pump?
:::

::: student
Cited [@smith2020; @jones2021] and [@lee2022].

```widget drug_accumulation
preset: mdr1_high
caption: What to notice.
```

**What to notice:** the level inside drops.

**Try this:** add some inhibitor.
:::

::: teacher
Common misconceptions, and a 15-minute activity with the `mdr1_high` preset.

<details markdown="1"><summary>Model answer</summary>
It pushes drugs out.
</details>

Notes.
:::

```quiz
- question: What does the pump do?
  choices:
    - text: Pushes drugs out
      correct: true
      feedback: Yes.
    - text: Makes ATP
      feedback: No.
- question: What powers the pump?
  choices:
    - text: ATP
      correct: true
      feedback: Yes.
    - text: Light
      feedback: No.
- question: Where is the pump?
  choices:
    - text: In the cell wall
      correct: true
      feedback: Yes.
    - text: In the blood
      feedback: No.
```
"""


def line_of(needle: str, text: str = LESSON) -> int:
    """1-based line of the first occurrence of needle in text."""
    return text[: text.index(needle)].count("\n") + 1


def make_content(root: Path, lesson: str = LESSON, extra: dict | None = None) -> Path:
    """A minimal valid content folder, with the lesson text and any extra files given."""
    (root / "lessons").mkdir(parents=True)
    (root / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / "lessons" / "01-tiny.md").write_text(lesson, encoding="utf-8")
    for name, text in (extra or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def content_dir(tmp_path):
    """A fresh copy of the minimal valid content."""
    return make_content(tmp_path / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real lessons built once into a temporary folder."""
    from mdr_explainer.lessons.build import build_site

    out = tmp_path_factory.mktemp("site") / "_site"
    report = build_site(REPO / "content", out)
    return out, report


@pytest.fixture(scope="session")
def built_site_es(tmp_path_factory):
    """The real lessons built once in Spanish (mdr-explainer build --locale es) into a temporary folder."""
    from mdr_explainer.lessons.build import build_site

    out = tmp_path_factory.mktemp("site-es") / "_site"
    report = build_site(REPO / "content", out, "es")
    return out, report


@pytest.fixture(scope="session", params=["en", "es"])
def validated_site(request):
    """Each built language in turn, for the tests that run independent validators over a whole site."""
    return request.getfixturevalue("built_site" if request.param == "en" else "built_site_es")


def free_port() -> int:
    """A TCP port nobody is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Return once url answers; fail with the server's output if it exits or never answers."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stdout.read().decode() if proc.stdout else ''}")
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@pytest.fixture(scope="session")
def live_server():
    """`mdr-explainer serve` on a free local port, stopped after the session."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mdr_explainer.lessons.cli", "serve", "--port", str(port),
                             "--content", str(REPO / "content")], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for_http(url + "/", proc)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def installed_or_fail(path: Path, package: str) -> str:
    """A system program the tests drive; missing, it fails the run in CI (.ci/run installs it) and skips elsewhere."""
    if path.exists():
        return str(path)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{path} not found; CI must install Debian's {package} (.ci/run does)")
    pytest.skip(f"{path} not found; install Debian's {package} to run these tests")


def chromium_or_fail():
    """Debian's Chromium, which drives the browser tests."""
    return installed_or_fail(CHROMIUM, "chromium")


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    path = chromium_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True,
                               args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                     "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Watched:
    """A page with its console errors and any request that tried to leave the machine."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def watched_page(browser):
    """A fresh page whose non-local requests are blocked and recorded."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    watched = Watched(page)

    def guard(route):
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            watched.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    yield watched
    context.close()


def pytest_collection_modifyitems(items):
    """Run browser tests last: Playwright's event loop must not meet the Tornado/asyncio tests' loops."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
