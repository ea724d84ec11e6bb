"""The build's classroom files beside the pages: an oEmbed file per embed page and the course cartridge.

oEmbed is written only with a base URL: its iframe src must be absolute (oEmbed 1.0, type rich), and a
relative one no consumer can load. Also the template globals the classroom partials use (embed
snippets, whether embed pages link an oEmbed file).
"""
from __future__ import annotations

import json
from pathlib import Path

from mdr_explainer.widgets.registry import REGISTRY

from .cartridge import cartridge_bytes
from .classroom import CARTRIDGE_PATH, EMBED_HEIGHT, embed_snippet, site_url
from .content import Content
from .paths import site_dir
from .strings import SiteText

HOST_SCRIPT = "embed-host.js"
NO_OEMBED = ("no --base-url: oEmbed files left out (an oEmbed iframe needs an absolute address); "
             "build with --base-url https://your.site/path/ to write them")


def classroom_globals(page_path: str, base_url: str | None) -> dict:
    """Template values for classroom partials on the page at page_path."""
    def link(href: str) -> str:
        return site_url(base_url, page_path, href) if base_url else href

    return {"site_link": link, "oembed": base_url is not None,
            "embed_snippet": lambda href, title: embed_snippet(link(href), title)}


def oembed(name: str, text: SiteText, base_url: str) -> dict:
    """The oEmbed response (type rich) for one widget's embed page, with absolute addresses."""
    page = f"embed/{name}/index.html"
    title = text("classroom.embed_title", title=text.widget(name).title)
    return {"version": "1.0", "type": "rich", "provider_name": text("site_name"), "provider_url": f"{base_url}/",
            "title": title, "html": embed_snippet(site_url(base_url, "", page), title),
            "width": 800, "height": EMBED_HEIGHT}


def classroom_files(site: Path, content: Content, text: SiteText, base_url: str | None) -> list[tuple[str, bytes]]:
    """(path, bytes) of each oEmbed file (with base_url only), the cartridge built from the pages already in
    site, and the host script at a stable address (site/static files get content-hashed names)."""
    files = [(f"embed/{name}/oembed.json",
              json.dumps(oembed(name, text, base_url), ensure_ascii=False, indent=1).encode("utf-8"))
             for name in REGISTRY] if base_url else []
    files.append((CARTRIDGE_PATH, cartridge_bytes(site, content, text, base_url)))
    files.append((HOST_SCRIPT, (site_dir() / "static" / HOST_SCRIPT).read_bytes()))
    return files
