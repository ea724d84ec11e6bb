"""One widget instance as HTML: controls, readouts and sentence at its starting values, and its plot."""
from __future__ import annotations

from dataclasses import dataclass, field

from mdr_explainer.widgets.framework.contract import instance_config, script_json
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.prediction import POINT, default_question, marker_range
from mdr_explainer.widgets.framework.url_state import guess_from_text
from mdr_explainer.widgets.framework.view_context import view_context
from mdr_explainer.widgets.registry import REGISTRY

from .strings import SiteText
from .templating import environment


@dataclass(frozen=True)
class WidgetInstance:
    """One widget on one page: which widget, its page-unique id, its URL key and starting values."""

    widget: str
    id: str
    url_key: str
    values: dict = field(default_factory=dict)
    caption_html: str = ""
    preset: str | None = None


def marker_item(widget, question, words, locale) -> dict:
    """A point question's marker control: range, step, its starting value (mid-range) and that value in words."""
    if question.kind != POINT:
        return {}
    figure = next(f for f in widget.figures if f.name == question.figure)
    low, high, step = marker_range(question, figure)
    start = guess_from_text(question, figure, str((low + high) / 2))
    return {"min": low, "max": high, "step": step, "value": start,
            "text": render(words.need("predict", question.name, "marker"), {"predicted": start}, locale)}


def question_items(widget, words, locale) -> list[dict]:
    """Each prediction question's words for the page: the question, its options or marker, and the why."""
    return [{"name": q.name, "kind": q.kind, "text": words.need("predict", q.name, "question"),
             "why": words.need("predict", q.name, "why"), "marker": marker_item(widget, q, words, locale),
             "choices": [{"key": k, "label": words.need("predict", q.name, "choices", k)} for k, _ in q.choices]}
            for q in widget.questions]


def instance_number(instance: WidgetInstance) -> int:
    """Which instance of its widget this is on its page (ids are name, name-2, name-3...), so landmarks get unique names."""
    suffix = instance.id[len(instance.widget):].lstrip("-")
    return int(suffix) if suffix.isdigit() else 1


def instance_context(instance: WidgetInstance, site: SiteText) -> dict:
    """Template context for one widget on a page (controls, readouts, sentence, plot, caption, prediction step, config)."""
    widget = REGISTRY[instance.widget]
    words = site.widget(widget.name)
    context = view_context(widget, instance.id, instance.values, words, site.locale)
    predict = prediction_context(instance, site)
    config = instance_config(widget.name, instance.id, instance.url_key, instance.values, predict["question"])
    return {**context, **predict, "caption": instance.caption_html, "number": instance_number(instance),
            "config_json": script_json(config)}


def prediction_context(instance: WidgetInstance, site: SiteText) -> dict:
    """The site's prediction step for one instance: the question asked first and every question's words."""
    widget = REGISTRY[instance.widget]
    return {"question": default_question(widget, instance.values, instance.preset),
            "questions": question_items(widget, site.widget(widget.name), site.locale)}


def widget_html(instance: WidgetInstance, site: SiteText, root: str) -> str:
    """One widget instance for a page (the same markup static and live)."""
    return environment().get_template("partials/widget.html").render(
        w=instance_context(instance, site), root=root, t=site)
