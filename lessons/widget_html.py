"""One widget instance as HTML: controls, readouts and sentence at its starting values, and its plot."""
from __future__ import annotations

from dataclasses import dataclass, field

from bokeh.embed import json_item

from mdr_explainer.widgets.framework.contract import instance_config, script_json
from mdr_explainer.widgets.framework.plotting import build_figure, figure_words
from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
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


def renumber_ids(item: dict, instance: str) -> dict:
    """Replace Bokeh's process-wide counter ids by ids derived from the instance, in order of use.

    This makes two builds of the same content byte-identical and ids unique on a page.
    """
    mapping: dict[str, str] = {}

    def new_id(old: str) -> str:
        return mapping.setdefault(old, f"{instance}-{len(mapping) + 1}")

    def walk(node):
        if isinstance(node, dict):
            return {k: (new_id(v) if k in ("id", "root_id") and isinstance(v, str) else walk(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(item)


def figure_items(instance: WidgetInstance, merged: dict, text) -> list[dict]:
    """Each figure's words and its plot as a Bokeh JSON item (target <instance>-plot-<figure>) at the starting values."""
    items = []
    for fig in REGISTRY[instance.widget].figures:
        target = f"{instance.id}-plot-{fig.name}"
        plot = build_figure(fig, merged, f"{instance.id}/{fig.name}", text)
        item = script_json(renumber_ids(json_item(plot, target=target), f"{instance.id}-{fig.name}"))
        items.append({**figure_words(fig, text), "name": fig.name, "target": target, "height": fig.height, "axes": fig.axes,
                      "bokeh_item": item})
    return items


def instance_context(instance: WidgetInstance, site: SiteText) -> dict:
    """Template context for one widget on a page (controls, readouts, sentence, plot, config)."""
    widget = REGISTRY[instance.widget]
    words = site.widget(widget.name)
    values = instance.values
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs, words, site.locale)
    params = [{"name": p.name, "min": p.min, "max": p.max, "step": p.step, "options": [
                   {"index": i, "label": words.option(p.name, o)} for i, o in enumerate(p.options)],
               "value": int(values[p.name]) if p.options else values[p.name],
               "label": words.param(p.name, "label"), "unit": words.param(p.name, "unit"),
               "help": words.param(p.name, "help"), "display": texts[f"param:{p.name}"]} for p in widget.params]
    return {
        "name": widget.name, "id": instance.id, "title": words.title, "caption": instance.caption_html,
        "params": params,
        "presets": [{"name": p.name, "title": words.preset(p.name)} for p in widget.presets],
        "readouts": [{"key": r.key, "label": words.readout(r.key, "label"), "unit": words.readout(r.key, "unit"),
                      "text": texts[r.key]} for r in widget.readouts],
        "sentence": texts[SENTENCE],
        "config_json": script_json(instance_config(widget.name, instance.id, instance.url_key, values)),
        "figures": figure_items(instance, {**values, **outputs}, words),
    }


def widget_html(instance: WidgetInstance, site: SiteText, root: str) -> str:
    """One widget instance for a page (the same markup static and live)."""
    return environment().get_template("partials/widget.html").render(
        w=instance_context(instance, site), root=root, t=site)
