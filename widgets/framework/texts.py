"""Every piece of text a widget shows for given values: slider values, readouts, the sentence."""
from __future__ import annotations

from .describe import render
from .numbers import ENGLISH, NumberLocale, format_value
from .spec import Widget
from .wording import WidgetText

SENTENCE = "__sentence__"


def param_display(param, value: float, text: WidgetText, locale: NumberLocale = ENGLISH) -> str:
    """The value shown next to a control (the option's words for a choice)."""
    if param.options:
        return text.option(param.name, param.options[int(round(value))])
    return format_value(value, param.fmt, locale)


def display_texts(widget: Widget, values: dict, outputs: dict, text: WidgetText,
                  locale: NumberLocale = ENGLISH) -> dict:
    """Readouts by key, control values as "param:<name>", and the sentence under SENTENCE, in the given words."""
    merged = {**values, **outputs}
    texts = {r.key: format_value(float(merged[r.key]), r.fmt, locale) for r in widget.readouts}
    texts.update({f"param:{p.name}": param_display(p, values[p.name], text, locale) for p in widget.params})
    texts[SENTENCE] = render(text.sentence, merged, locale)
    return texts
