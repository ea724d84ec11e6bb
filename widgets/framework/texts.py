"""Every piece of text a widget shows for given values: slider labels, readouts, the sentence."""
from __future__ import annotations

from .describe import format_value, render
from .spec import Widget

SENTENCE = "__sentence__"


def param_display(param, value: float) -> str:
    """The value shown next to a slider (the option's name for a choice)."""
    if param.options:
        return param.options[int(round(value))]
    return format_value(value, param.fmt)


def display_texts(widget: Widget, values: dict, outputs: dict) -> dict:
    """Readouts by key, slider labels as "param:<name>", and the sentence under SENTENCE."""
    merged = {**values, **outputs}
    texts = {r.key: format_value(float(merged[r.key]), r.fmt) for r in widget.readouts}
    texts.update({f"param:{p.name}": param_display(p, values[p.name]) for p in widget.params})
    texts[SENTENCE] = render(widget.sentence, merged)
    return texts
