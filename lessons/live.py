"""Serve the lessons live with `panel serve`: same pages and URLs, widgets run in Python."""
from __future__ import annotations

import re
from pathlib import Path

import panel as pn
from tornado.web import RedirectHandler, RequestHandler

from mdr_explainer.widgets.framework.live import live_view
from mdr_explainer.widgets.framework.spec import Widget
from mdr_explainer.widgets.registry import REGISTRY

from .build import build_reference_html
from .content import Content, Lesson, load_content
from .paths import site_dir
from .render import render_lesson
from .templating import environment, render_page
from .widget_view import instance_context

ASSETS = "/site-static/"
ROOT_MARK = re.compile(r"@@ROOT:([A-Za-z0-9_]+)@@")


def values_from_query(widget: Widget, args: dict, prefix: str, values: dict) -> dict:
    """Apply ?preset= and ?param= from the URL; anything unknown or invalid is ignored."""
    def first(key):
        raw = args.get(prefix + key)
        if not raw:
            return None
        item = raw[0]
        return item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)

    values = dict(values)
    preset = first("preset")
    if preset and preset in {p.name for p in widget.presets}:
        values.update(widget.values_for(preset))
    for p in widget.params:
        raw = first(p.name)
        if raw is None:
            continue
        try:
            values[p.name] = p.snap(float(raw))
        except ValueError:
            continue
    return values


def panel_template(page_html: str) -> str:
    """Turn a rendered site page into a Panel template: our head and body, Panel's resources."""
    head = page_html.split("<head>", 1)[1].split("</head>", 1)[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    head = re.sub(r"<title>.*?</title>|<meta charset=\"utf-8\">", "", head, flags=re.S)
    body = page_html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    body = ROOT_MARK.sub(lambda m: "{% endraw %}{{ embed(roots." + m.group(1) + ") }}{% raw %}", body)
    return ("{% extends base %}\n{% block title %}{% raw %}" + title + "{% endraw %}{% endblock %}\n"
            "{% block postamble %}{% raw %}" + head + "{% endraw %}{% endblock %}\n"
            "{% block contents %}{% raw %}" + body + "{% endraw %}{% endblock %}\n")


class LivePage:
    """Collects the widgets of one page while it renders, then makes the Panel template."""

    def __init__(self, args: dict):
        self.args = args
        self.views: dict[str, object] = {}

    def widget_html(self, widget: Widget, values: dict, instance: str, caption: str, prefix: str) -> str:
        """Render one widget's frame with a slot for its live Panel view."""
        values = values_from_query(widget, self.args, prefix, values)
        context = instance_context(widget, values, instance, caption)
        context["config_json"], context["bokeh_item"] = "", ""
        env = environment()
        controls = env.get_template("partials/controls.html").render(w=context)
        root = instance.replace("-", "_")
        self.views[root] = live_view(widget, values, controls, instance, [ASSETS + "style.css"],
                                     outputs=context["outputs"])
        return env.get_template("partials/widget.html").render(w=context, root="/", plot_html=f"@@ROOT:{root}@@", live=True)

    def template(self, page_html: str):
        """The finished Panel template with every widget view added."""
        tmpl = pn.Template(template=panel_template(page_html))
        for name, view in self.views.items():
            tmpl.add_panel(name, view)
        return tmpl


def lesson_app(content: Content, index: int, lesson: Lesson):
    """A Panel app function serving one lesson."""
    def app():
        page = LivePage(pn.state.session_args or {})
        lessons = content.lessons

        def render_widget(block, i, caption):
            widget = REGISTRY[block.name]
            values = widget.values_for(block.data["preset"], block.data["params"])
            return page.widget_html(widget, values, f"w{i + 1}-{widget.name}", caption, f"{widget.name}.")

        rendered = render_lesson(lesson, content, "/", render_widget)
        html = render_page("lesson.html" if lesson.kind == "lesson" else "page.html", page_title=lesson.title,
                           lesson=lesson, page=lesson, sections=rendered.sections, references=rendered.references,
                           number=index + 1, total=len(lessons),
                           previous=lessons[index - 1] if lesson.kind == "lesson" and index else None,
                           next=lessons[index + 1] if lesson.kind == "lesson" and index + 1 < len(lessons) else None,
                           audience_switch=lesson.kind == "lesson", root="/", assets=ASSETS,
                           nav_pages=content.pages)
        return page.template(html)
    return app


def embed_app(content: Content, widget: Widget):
    """A Panel app function serving one widget alone."""
    def app():
        page = LivePage(pn.state.session_args or {})
        widget_html = page.widget_html(widget, widget.defaults(), f"w1-{widget.name}", "", "")
        html = render_page("embed.html", page_title=widget.title, widget=widget, widget_html=widget_html,
                           root="/", assets=ASSETS, nav_pages=content.pages)
        return page.template(html)
    return app


class StaticPage(RequestHandler):
    """Serves a page that has no widgets (index, glossary, widgets catalogue) from memory."""

    def initialize(self, html: str):
        self.html = html

    def get(self, *args):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(self.html)


def routes(content: Content) -> tuple[dict, list]:
    """Panel apps for pages with widgets; plain handlers and redirects for the rest."""
    apps = {}
    for i, lesson in enumerate(content.lessons):
        apps[f"/{lesson.slug}"] = lesson_app(content, i, lesson)
    for page in content.pages:
        apps[f"/{page.slug}"] = lesson_app(content, 0, page)
    for widget in REGISTRY.values():
        apps[f"/embed/{widget.name}"] = embed_app(content, widget)
    pages = build_reference_html(content, root="/", assets=ASSETS)
    extra = [(r"/", StaticPage, {"html": pages["index.html"]}),
             (r"/index\.html", StaticPage, {"html": pages["index.html"]}),
             (r"/glossary/?(?:index\.html)?", StaticPage, {"html": pages["glossary/index.html"]}),
             (r"/widgets/?(?:index\.html)?", StaticPage, {"html": pages["widgets/index.html"]}),
             (r"/((?:embed/)?[a-z0-9_-]+)/index\.html", RedirectHandler, {"url": "/{0}", "permanent": False})]
    return apps, extra


def serve(content_dir: Path, port: int = 5006, show: bool = False, address: str = "127.0.0.1",
          num_procs: int = 1, origins: list[str] | None = None):
    """Start the live server; blocks until stopped."""
    content = load_content(content_dir)
    apps, extra = routes(content)
    allowed = [f"{address}:{port}", f"localhost:{port}", f"127.0.0.1:{port}", *(origins or [])]
    return pn.serve(apps, port=port, address=address, show=show, title="Why Chemo Stops Working",
                    static_dirs={"site-static": str(site_dir() / "static")}, extra_patterns=extra,
                    websocket_origin=allowed, num_procs=num_procs, print_url=True)
