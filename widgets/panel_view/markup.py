"""The site's widget markup (partials/widget-view.html and plot.html) rendered for the Panel component."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..framework.describe import render
from ..framework.numbers import ENGLISH, NumberLocale
from ..framework.paths import data_dir
from ..framework.spec import Widget
from ..framework.texts import SENTENCE, display_texts
from ..framework.templates import template_environment
from ..framework.view_context import figure_items, view_context
from ..framework.wording import SOURCE, WidgetText, load_tree, site_string

PANEL_CSS = Path(__file__).with_name("panel.css")


@lru_cache(maxsize=1)
def templates():
    """Jinja over site/templates with the site's settings (the component needs no page globals)."""
    return template_environment()


class SiteWords:
    """The site's chrome words of one locale as the templates call them: t("widget.presets")."""

    def __init__(self, locale: str = SOURCE, numbers: NumberLocale = ENGLISH):
        self.data, self.numbers, self.locale = load_tree("site.yaml", locale), numbers, locale

    def __call__(self, key: str, **values) -> str:
        """The text for a dotted key with its placeholders filled; the error names the file and key."""
        return render(site_string(self.data, key, self.locale), values, self.numbers)


@lru_cache(maxsize=1)
def english_site_words() -> SiteWords:
    """The English site words (read once)."""
    return SiteWords()


def stylesheet() -> str:
    """The site's stylesheet for a shadow root (:root becomes :host), then the component's own rules."""
    site_css = (data_dir("site") / "static" / "style.css").read_text(encoding="utf-8")
    return site_css.replace(":root", ":host") + PANEL_CSS.read_text(encoding="utf-8")


def view_html(widget: Widget, instance_id: str, values: dict, words: WidgetText, site_words,
              numbers: NumberLocale = ENGLISH) -> str:
    """The widget's title, plot, controls and results exactly as the site writes them (plot tools left out)."""
    context = view_context(widget, instance_id, values, words, numbers, tools=False)
    body = templates().get_template("partials/widget-view.html").render(w=context, t=site_words)
    return (f'<figure class="widget" data-widget="{widget.name}" id="{instance_id}" '
            f'aria-labelledby="{instance_id}-title">\n{body}</figure>')


def view_state(widget: Widget, instance_id: str, values: dict, words: WidgetText,
               numbers: NumberLocale = ENGLISH) -> dict:
    """What changes when values change: each plot frame's markup, the readouts (and which show), control values, sentence."""
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs, words, numbers)
    plot = templates().get_template("partials/plot.html")
    frames = {f["target"]: plot.render(d=f["drawing"])
              for f in figure_items(widget, instance_id, {**values, **outputs}, words, numbers, tools=False)}
    valuetext = {p.name: texts[f"param:{p.name}"] + (f" {u}" if (u := words.param(p.name, "unit")) else "")
                 for p in widget.params if not p.options}
    merged = {**values, **outputs}
    return {"frames": frames, "readouts": {r.key: texts[r.key] for r in widget.readouts},
            "shown": {r.key: r.shown(merged) for r in widget.readouts},
            "outputs": {p.name: texts[f"param:{p.name}"] for p in widget.params},
            "valuetext": valuetext, "sentence": texts[SENTENCE]}
