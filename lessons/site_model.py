"""The one list of every page of the site: path, template, context and widget instances.

`build` renders this list to files; `serve` renders the same list with a live endpoint. Lesson,
extra, embed, glossary, widgets and index pages all come from here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mdr_explainer.widgets.registry import REGISTRY

from .catalog import load_references
from .classroom import sheet_context
from .content import Content, Lesson
from .markup import CitationOrder, render_markdown
from .paths import data_dir
from .render import render_lesson
from .strings import SiteText
from .widget_html import WidgetInstance, widget_html


@dataclass(frozen=True)
class Page:
    """One page: where it goes, which template renders it, with what, and which widgets it shows."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)
    widgets: tuple[WidgetInstance, ...] = ()

    @property
    def root(self) -> str:
        """Relative path from this page back to the site root."""
        return "../" * self.path.count("/")


class InstanceNamer:
    """Page-unique ids for widget instances: the widget's name, then name-2, name-3 for repeats."""

    def __init__(self):
        self.seen: Counter = Counter()

    def __call__(self, widget: str) -> str:
        """The next id for this widget on the page."""
        self.seen[widget] += 1
        count = self.seen[widget]
        return widget if count == 1 else f"{widget}-{count}"


def lesson_page(lesson: Lesson, content: Content, text: SiteText, position: int | None) -> Page:
    """A lesson (position given) or an extra page, with its widget blocks as instances."""
    path = f"{lesson.slug}/index.html"
    root = "../"
    instances: list[WidgetInstance] = []
    namer = InstanceNamer()

    def render_widget(block, _index: int, caption: str) -> str:
        widget = REGISTRY[block.name]
        key = namer(widget.name)
        part_lang = lesson.languages.get(block.audience)  # an untranslated part: its caption keeps its language,
        if part_lang and part_lang != text.lang and caption:  # the widget's own words are the site's
            caption = f'<span lang="{part_lang}">{caption}</span>'
        instance = WidgetInstance(widget=widget.name, id=key, url_key=key,
                                  values=widget.values_for(block.data["preset"], block.data["params"]),
                                  caption_html=caption, preset=block.data["preset"])
        instances.append(instance)
        html = widget_html(instance, text, root)
        return f'<div lang="{text.lang}">{html}</div>' if part_lang and part_lang != text.lang else html

    rendered = render_lesson(lesson, content, root, render_widget, text)
    context = {"lesson": lesson, "sections": rendered.sections, "references": rendered.references}
    if position is not None:
        lessons = content.lessons
        context.update(number=position + 1, total=len(lessons), audience_switch=True,
                       previous=lessons[position - 1] if position else None,
                       next=lessons[position + 1] if position + 1 < len(lessons) else None)
    template = "lesson.html" if position is not None else "page.html"
    return Page(path=path, template=template, title=lesson.title, context=context, widgets=tuple(instances))


def embed_page(name: str, text: SiteText) -> Page:
    """One widget alone, for iframes and links to a given state."""
    widget = REGISTRY[name]
    instance = WidgetInstance(widget=name, id=name, url_key="", values=widget.defaults())
    html = widget_html(instance, text, "../../")
    return Page(path=f"embed/{name}/index.html", template="embed.html", title=text.widget(name).title,
                context={"widget": widget, "widget_html": html}, widgets=(instance,))


CLASS_PAGES = (("worksheet", "worksheet.html", "classroom.worksheet.title"),
               ("answers", "answers.html", "classroom.answers.title"),
               ("teach", "teach.html", "classroom.teach.title"))


def classroom_pages(lesson: Lesson, content: Content, text: SiteText, position: int) -> list[Page]:
    """A lesson's student worksheet, teacher answer key and teacher's page (print-ready, no widgets)."""
    pages = []
    for folder, template, title_key in CLASS_PAGES:
        context = sheet_context(lesson, content, text, "../../")
        context.update(number=position + 1, slug=lesson.slug)
        pages.append(Page(path=f"{lesson.slug}/{folder}/index.html", template=template,
                          title=text(title_key, title=lesson.title), context=context))
    return pages


def note_references(keys: list[str], content: Content) -> list:
    """The sources the widgets' model notes cite, in order: from the content's references, else from the
    packaged ones (the notes ship with the widgets, so a teacher's own content folder may not list them)."""
    known = content.catalog.references
    packaged = load_references(data_dir("content") / "references.yaml", []) if set(keys) - set(known) else {}
    return [known.get(key) or packaged[key] for key in keys if key in known or key in packaged]


def reference_pages(content: Content, text: SiteText) -> list[Page]:
    """The lesson index, the glossary and the widgets catalogue."""
    terms = sorted(content.catalog.terms.values(), key=lambda t: t.term.lower())
    widgets = list(REGISTRY.values())
    order = CitationOrder()  # one numbering for every model note on the widgets page, listed at its end
    notes = {w.name: render_markdown(w.note(), content.catalog, order, "../") for w in widgets}
    return [
        Page(path="index.html", template="index.html", title=text("index.title"),
             context={"lessons": content.lessons}),
        Page(path="glossary/index.html", template="glossary.html", title=text("glossary.title"),
             context={"terms": terms, "references": content.catalog.references}),
        Page(path="widgets/index.html", template="widgets.html", title=text("widgets_page.title"),
             context={"widgets": widgets, "notes": notes,
                      "references": note_references(order.keys, content)}),
    ]


def site_pages(content: Content, text: SiteText) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = reference_pages(content, text)
    pages += [lesson_page(lesson, content, text, i) for i, lesson in enumerate(content.lessons)]
    pages += [p for i, lesson in enumerate(content.lessons) for p in classroom_pages(lesson, content, text, i)]
    pages += [lesson_page(page, content, text, None) for page in content.pages]
    pages += [embed_page(name, text) for name in REGISTRY]
    return pages
