"""A small link checker for a site opened from file:// (linkinator only speaks HTTP).

Every href/src in every HTML page, url() in CSS and icon in the web manifest must open a file that
exists, with no help from a server: no folder links (file:// shows a listing, not index.html), and
every #fragment must be an id (or a name) in the page it points at. External links are returned
for their form to be checked, never fetched.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                   ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("track", "src"),
                   ("embed", "src"), ("object", "data"), ("form", "action"), ("video", "poster")}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
NOT_FETCHED = ("data:", "blob:", "javascript:", "about:")


class PageLinks(HTMLParser):
    """The links and the ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for attribute, value in attrs:
            if value is None:
                continue
            if (tag, attribute) in LINK_ATTRIBUTES:
                self.links.append(value.strip())
            elif attribute == "srcset":
                self.links += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif attribute == "style":
                self.links += [m.group(2) for m in CSS_URL.finditer(value)]


@dataclass
class Report:
    """What the crawl found: broken internal links (page, link, why) and external links (page, url)."""

    broken: list[tuple[str, str, str]] = field(default_factory=list)
    external: list[tuple[str, str]] = field(default_factory=list)
    checked: int = 0


def page_ids(site: Path, page: str, cache: dict[str, set[str]]) -> set[str]:
    """The ids of an HTML page of the site (parsed once)."""
    if page not in cache:
        parser = PageLinks()
        parser.feed((site / page).read_text(encoding="utf-8"))
        cache[page] = parser.ids
    return cache[page]


def check_link(site: Path, page: str, link: str, ids: dict[str, set[str]], report: Report) -> None:
    """One link of a page: external links are collected, internal ones must open an existing file."""
    if not link or link.startswith(NOT_FETCHED):
        return
    if SCHEME.match(link) or link.startswith("//"):
        report.external.append((page, link))
        return
    report.checked += 1
    parts = urlsplit(link)
    if parts.path.startswith("/"):
        report.broken.append((page, link, "absolute path: from file:// it opens the disk's root"))
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) if parts.path else page
    if target.startswith("../"):
        report.broken.append((page, link, "points above the site's folder"))
    elif (site / target).is_dir() or parts.path.endswith("/"):
        report.broken.append((page, link, "a folder: file:// shows a listing, not its index.html"))
    elif not (site / target).is_file():
        report.broken.append((page, link, "no such file"))
    elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in page_ids(site, target, ids):
        report.broken.append((page, link, f"no id {parts.fragment!r} in {target}"))


def crawl(site: Path) -> Report:
    """Check every link of every HTML page, CSS file and web manifest under site."""
    report, ids = Report(), {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = PageLinks()
            parser.feed(path.read_text(encoding="utf-8"))
            ids[relative] = parser.ids
            links = parser.links
        elif path.suffix == ".css":
            links = [m.group(2) for m in CSS_URL.finditer(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".webmanifest":
            links = [icon["src"] for icon in json.loads(path.read_text(encoding="utf-8")).get("icons", [])]
        else:
            continue
        for link in links:
            check_link(site, relative, link, ids, report)
    return report
