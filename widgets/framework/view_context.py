"""What partials/widget-view.html needs to show one widget at given values: the site and the Panel component share it."""
from __future__ import annotations

from .mechanism_view import mechanism_context
from .numbers import NumberLocale
from .plot_drawing import figure_drawing
from .plotting import figure_words
from .spec import Widget
from .texts import SENTENCE, display_texts
from .wording import WidgetText


def figure_items(widget: Widget, instance_id: str, merged: dict, words: WidgetText, locale: NumberLocale,
                 tools: bool = True) -> list[dict]:
    """Each figure's words and its frame drawn at these values (target <instance>-plot-<figure>)."""
    return [{**figure_words(fig, words), "name": fig.name, "target": f"{instance_id}-plot-{fig.name}",
             "height": fig.height, "axes": fig.axes, "tools": tools and fig.axes,
             "drawing": figure_drawing(fig, merged, words, locale)}
            for fig in widget.figures]


def view_context(widget: Widget, instance_id: str, values: dict, words: WidgetText, locale: NumberLocale,
                 tools: bool = True) -> dict:
    """Controls, presets, readouts, sentence and figures of one widget at these values."""
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs, words, locale)
    params = [{"name": p.name, "min": p.min, "max": p.max, "step": p.step, "options": [
                   {"index": i, "label": words.option(p.name, o)} for i, o in enumerate(p.options)],
               "value": int(values[p.name]) if p.options else values[p.name],
               "label": words.param(p.name, "label"), "unit": words.param(p.name, "unit"),
               "help": words.param(p.name, "help"), "display": texts[f"param:{p.name}"]} for p in widget.params]
    return {
        "name": widget.name, "id": instance_id, "title": words.title, "params": params,
        "presets": [{"name": p.name, "title": words.preset(p.name)} for p in widget.presets],
        "readouts": [{"key": r.key, "label": words.readout(r.key, "label"), "unit": words.readout(r.key, "unit"),
                      "text": texts[r.key], "shown": r.shown({**values, **outputs})} for r in widget.readouts],
        "sentence": texts[SENTENCE],
        "figures": figure_items(widget, instance_id, {**values, **outputs}, words, locale, tools),
        "mechanism": mechanism_context(widget, {**values, **outputs}, words, locale),
    }
