"""Build the static site into a temporary folder, then swap it in: a failed build changes nothing."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import bokeh

from mdr_explainer.widgets.framework.spec import Widget
from mdr_explainer.widgets.registry import REGISTRY

from .content import Content, Lesson, load_content
from .markup import CitationOrder, render_markdown
from .render import render_lesson
from .paths import site_dir
from .static_widgets import data_script, static_widget_html
from .templating import render_page

BOKEH_JS = f"vendor/bokeh-{bokeh.__version__}.min.js"


@dataclass
class BuildReport:
    """What a build wrote: pages with their sizes, shared static bytes and time taken."""

    pages: list[tuple[str, int]] = field(default_factory=list)
    static_bytes: int = 0
    seconds: float = 0.0

    @property
    def total_bytes(self) -> int:
        """Bytes of all pages plus shared static files."""
        return self.static_bytes + sum(size for _, size in self.pages)


def write(out: Path, relative: str, text: str, report: BuildReport | None = None) -> None:
    """Write one UTF-8 file under out, creating folders; record pages in the report."""
    path = out / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    if report is not None:
        report.pages.append((relative, path.stat().st_size))


def write_static(out: Path, widgets: list[Widget]) -> dict[str, str]:
    """Copy the site's assets and BokehJS, write each widget's data file; return data file names."""
    static = out / "static"
    shutil.copytree(site_dir() / "static", static)
    source = Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"
    (static / "vendor").mkdir(exist_ok=True)
    shutil.copyfile(source, static / BOKEH_JS)
    names = {}
    for widget in widgets:
        name, text = data_script(widget)
        write(out, f"static/data/{name}", text)
        names[widget.name] = f"data/{name}"
    return names


def page_context(depth: int, content: Content, data_files: dict, widget_names: list[str]) -> dict:
    """Paths and shared values every page template needs."""
    root = "../" * depth
    assets = root + "static/"
    scripts = [assets + BOKEH_JS] if widget_names else []
    scripts += [assets + data_files[n] for n in widget_names]
    return {"root": root, "assets": assets, "widget_scripts": scripts,
            "nav_pages": [p for p in content.pages]}


def lesson_widget_renderer(lesson: Lesson, root: str, page_index: int):
    """Render widget blocks of one page as static widgets with page-unique ids."""
    def render(block, index: int, caption: str) -> str:
        widget = REGISTRY[block.name]
        values = widget.values_for(block.data["preset"], block.data["params"])
        instance = f"w{index + 1}-{widget.name}"
        return static_widget_html(widget, values, instance, root, caption,
                                  url_prefix=f"{widget.name}.")
    return render


def build_lesson_pages(out: Path, content: Content, data_files: dict, report: BuildReport) -> None:
    """One page per lesson and per extra page."""
    lessons = content.lessons
    for i, lesson in enumerate(lessons):
        ctx = page_context(1, content, data_files, lesson.widget_names())
        rendered = render_lesson(lesson, content, ctx["root"], lesson_widget_renderer(lesson, ctx["root"], i))
        html = render_page("lesson.html", page_title=lesson.title, lesson=lesson, sections=rendered.sections,
                           references=rendered.references, number=i + 1, total=len(lessons),
                           previous=lessons[i - 1] if i else None,
                           next=lessons[i + 1] if i + 1 < len(lessons) else None,
                           audience_switch=True, **ctx)
        write(out, f"{lesson.slug}/index.html", html, report)
    for page in content.pages:
        ctx = page_context(1, content, data_files, page.widget_names())
        rendered = render_lesson(page, content, ctx["root"], lesson_widget_renderer(page, ctx["root"], 0))
        html = render_page("page.html", page_title=page.title, page=page, sections=rendered.sections,
                           references=rendered.references, **ctx)
        write(out, f"{page.slug}/index.html", html, report)


def build_embed_pages(out: Path, content: Content, data_files: dict, report: BuildReport) -> None:
    """One stand-alone page per widget, for iframes and links to a given state."""
    for widget in REGISTRY.values():
        ctx = page_context(2, content, data_files, [widget.name])
        widget_html = static_widget_html(widget, widget.defaults(), f"w1-{widget.name}", ctx["root"], "",
                                         url_prefix="")
        html = render_page("embed.html", page_title=widget.title, widget=widget, widget_html=widget_html, **ctx)
        write(out, f"embed/{widget.name}/index.html", html, report)


def build_reference_html(content: Content, root: str | None = None, assets: str | None = None) -> dict[str, str]:
    """The lesson index, the glossary and the widgets catalogue (static paths unless given)."""
    def ctx(depth):
        base = page_context(depth, content, {}, [])
        if root is not None:
            base.update(root=root, assets=assets)
        return base

    terms = sorted(content.catalog.terms.values(), key=lambda t: t.term.lower())
    notes = {w.name: render_markdown(w.note(), content.catalog, CitationOrder(), ctx(1)["root"])
             for w in REGISTRY.values()}
    return {
        "index.html": render_page("index.html", page_title="Lessons", lessons=content.lessons, **ctx(0)),
        "glossary/index.html": render_page("glossary.html", page_title="Glossary", terms=terms,
                                           references=content.catalog.references, **ctx(1)),
        "widgets/index.html": render_page("widgets.html", page_title="Widgets", widgets=list(REGISTRY.values()),
                                          notes=notes, **ctx(1)),
    }


def build_reference_pages(out: Path, content: Content, report: BuildReport) -> None:
    """Write the pages that hold no widget."""
    for relative, html in build_reference_html(content).items():
        write(out, relative, html, report)


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


def build_site(content_dir: Path, out: Path) -> BuildReport:
    """Load, check and render everything; only a complete build replaces the previous one."""
    started = time.perf_counter()
    content = load_content(content_dir)
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    report = BuildReport()
    try:
        data_files = write_static(staging, list(REGISTRY.values()))
        build_reference_pages(staging, content, report)
        build_lesson_pages(staging, content, data_files, report)
        build_embed_pages(staging, content, data_files, report)
        report.static_bytes = folder_bytes(staging / "static")
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report
