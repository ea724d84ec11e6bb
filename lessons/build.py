"""Render the site model to files in a temporary folder, then swap it in: a failed build changes nothing."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mdr_explainer.widgets.framework.contract import page_config, runtime_model, script_json
from mdr_explainer.widgets.framework.grid import build_cube
from mdr_explainer.widgets.registry import REGISTRY

from .class_files import NO_OEMBED, classroom_files, classroom_globals
from .content import Content, load_content
from .paths import site_dir
from .search_index import search_script
from .site_model import Page, site_pages
from .strings import SiteText, site_text
from .templating import render_page

RUNTIME_WORDS = ("quiz.right", "quiz.wrong", "widget.offline", "explore.table", "explore.shown", "explore.markers",
                 "explore.series", "explore.label", "explore.hint", "explore.help", "explore.point", "explore.play", "explore.play_named",
                 "explore.playing", "explore.no_audio", "explore.empty")


@dataclass
class BuildReport:
    """What a build wrote: pages with their sizes, shared static bytes and time taken."""

    pages: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    static_bytes: int = 0
    seconds: float = 0.0

    @property
    def total_bytes(self) -> int:
        """Bytes of all pages plus shared static files."""
        return self.static_bytes + sum(size for _, size in self.pages)


def hashed_name(name: str, data: bytes) -> str:
    """file.ext -> file.<10 hex of sha256>.ext, so a changed file gets a new address."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{dot}{ext}"


def write_bytes(out: Path, relative: str, data: bytes) -> None:
    """Write one file under out, creating folders."""
    path = out / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def data_file(name: str, text: SiteText) -> tuple[str, bytes]:
    """(file name, bytes) of the script that registers a widget's RuntimeModel."""
    widget = REGISTRY[name]
    words = text.widget(name)
    model = runtime_model(widget, build_cube(widget, words), words)
    data = f"(window.MDR_WIDGETS=window.MDR_WIDGETS||{{}})[{script_json(name)}]={script_json(model)};\n".encode()
    return hashed_name(f"{name}.js", data), data


def write_static(out: Path, text: SiteText) -> dict[str, str]:
    """Write the site's assets and each widget's data under static/ with content-hashed names.

    Returns logical name (style.css, mdr.js, data/<widget>.js) -> path under static/.
    """
    assets = {}
    static = site_dir() / "static"
    for source in sorted(static.rglob("*")):
        if source.is_file():
            name = source.relative_to(static).as_posix()
            assets[name] = hashed_name(name, source.read_bytes())
            write_bytes(out / "static", assets[name], source.read_bytes())
    for name in REGISTRY:
        file_name, data = data_file(name, text)
        assets[f"data/{name}.js"] = f"data/{file_name}"
        write_bytes(out / "static", assets[f"data/{name}.js"], data)
    return assets


def alternates(page: Page, text: SiteText, twins: dict[str, str]) -> list[dict]:
    """The page's twins in other languages: code, the language's own name, and the address (same path there)."""
    out = []
    for code, twin_root in twins.items():
        href = (twin_root if "://" in twin_root else page.root + twin_root) + page.path
        out.append({"code": code, "name": site_text(code, text.content_dir).raw("language.name"), "href": href})
    return out


def render(page: Page, content: Content, text: SiteText, assets: dict[str, str], live: str | None = None,
           base_url: str | None = None, twins: dict[str, str] | None = None) -> str:
    """One page's HTML: the same for static and live, but for the live endpoint in its page config."""
    root = page.root
    widget_names = list(dict.fromkeys(w.widget for w in page.widgets))
    scripts = [(n, root + "static/" + assets[f"data/{n}.js"]) for n in widget_names]  # loaded by mdr-lazy.js
    scripts += [(k, root + "static/" + assets[f"mdr-{k}.js"]) for k in ("explore", "predict")] if widget_names else []
    if any(REGISTRY[n].mechanism for n in widget_names):  # the molecules and pump cycle beside the plot
        scripts += [("mechanism", root + "static/" + assets["mdr-mechanism.js"])]
    words = {key.split(".")[-1]: text.raw(key) for key in RUNTIME_WORDS}  # templates: the runtime fills them
    config = page_config(text.locale, root + live if live and widget_names else None, words)
    return render_page(page.template, page_title=page.title, root=root, t=text, scripts=scripts,
                       asset=lambda name: root + "static/" + assets[name], nav_pages=content.pages,
                       page_config=script_json(config), alternates=alternates(page, text, twins or {}), page_path=page.path,
                       **classroom_globals(page.path, base_url), **page.context)


def manifest(text: SiteText, assets: dict[str, str]) -> bytes:
    """The web app manifest: the site's name, words and icons, from the strings file."""
    icons = [{"src": "static/" + assets["favicon.svg"], "type": "image/svg+xml", "sizes": "any"},
             {"src": "static/" + assets["favicon.png"], "type": "image/png", "sizes": "192x192"}]
    return script_json({"name": text("site_name"), "short_name": text("manifest.short_name"),
                        "description": text("manifest.description"), "lang": text.lang, "start_url": "index.html",
                        "display": "standalone", "background_color": "#ffffff", "theme_color": "#0b5cad",
                        "icons": icons}).encode("utf-8")


def copy_illustrations(content_dir: Path, out: Path, locale: str = "en") -> None:
    """content/illustrations/*.svg to illustrations/ (lessons link them as ../illustrations/<name>.svg), labels in the locale."""
    from .illustrations import svg_for

    for source in sorted((content_dir / "illustrations").glob("*.svg")):
        write_bytes(out, f"illustrations/{source.name}", svg_for(source, content_dir, locale))


def folder_bytes(folder: Path) -> int:
    """Total size of the files in a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def swap_in(staging: Path, out: Path) -> None:
    """Replace out with staging in two renames, so readers never see a half-built site."""
    backup = out.with_name(f".{out.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if out.exists():
        os.replace(out, backup)
    os.replace(staging, out)
    if backup.exists():
        shutil.rmtree(backup)


def write_site(staging: Path, content: Content, text: SiteText, report: BuildReport, live: str | None,
               base_url: str | None = None, twins: dict[str, str] | None = None) -> None:
    """Every page of the site model, the shared static files, the search index and the classroom files."""
    pages = site_pages(content, text)
    assets = write_static(staging, text)
    search = search_script(pages, content, text)
    assets["search.js"] = hashed_name("search.js", search)
    write_bytes(staging / "static", assets["search.js"], search)
    write_bytes(staging, "manifest.webmanifest", manifest(text, assets))
    for page in pages:
        data = render(page, content, text, assets, live, base_url, twins).encode("utf-8")
        write_bytes(staging, page.path, data)
        report.pages.append((page.path, len(data)))
    report.static_bytes = folder_bytes(staging / "static")
    copy_illustrations(content.root, staging, text.lang)
    for path, data in classroom_files(staging, content, text, base_url):
        write_bytes(staging, path, data)
        report.pages.append((path, len(data)))
    if base_url is None:
        report.notes.append(NO_OEMBED)


def build_site(content_dir: Path, out: Path, locale: str = "en", live: str | None = None,
               base_url: str | None = None, twins: dict[str, str] | None = None) -> BuildReport:
    """Load, check and render everything; only a complete build replaces the previous one.

    live: the live model's path from the site root (the live server's pages), or None (static).
    base_url: the public address of the site (https://…), for oEmbed and web links; None writes relative URLs.
    twins: locale -> root of that language's copy of the site, relative to this site's root or absolute
    (hreflang links and the visible language switch go to the same page there).
    """
    started = time.perf_counter()
    content = load_content(content_dir, locale=locale)
    text = site_text(locale, Path(content_dir).resolve())
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    report = BuildReport()
    try:
        write_site(staging, content, text, report, live, base_url, twins)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def build_with_translations(content_dir: Path, out: Path, live: str | None = None,
                            base_url: str | None = None) -> dict[str, BuildReport]:
    """English at out/ and each translated locale at out/<locale>/, every page linked to its twins.

    Each language is checked before anything is written, so a missing key fails the whole build.
    """
    from .translation import translated_locales

    locales = translated_locales(content_dir)
    for locale in locales:
        load_content(content_dir, locale=locale)
    reports = {"en": build_site(content_dir, out, "en", live, base_url, twins={c: f"{c}/" for c in locales})}
    for locale in locales:
        twins = {"en": "../", **{c: f"../{c}/" for c in locales if c != locale}}
        url = f"{base_url}/{locale}" if base_url else None
        reports[locale] = build_site(content_dir, Path(out) / locale, locale, live, url, twins=twins)
    return reports
