"""A param.Parameterized class generated from a widget's declaration: one parameter per control."""
from __future__ import annotations

import param

from ..framework.spec import Widget
from ..framework.wording import WidgetText


def control(p, words: WidgetText) -> param.Parameter:
    """One declared parameter as a param Parameter: a Selector of option names, or a bounded Number."""
    label, unit, doc = words.param(p.name, "label"), words.param(p.name, "unit"), words.param(p.name, "help")
    label = f"{label} ({unit})" if unit else label
    if p.options:
        return param.Selector(objects=list(p.options), default=p.options[int(round(p.default))], label=label, doc=doc)
    return param.Number(default=p.default, bounds=(p.min, p.max), step=p.step, label=label, doc=doc)


def class_name(widget: Widget) -> str:
    """drug_accumulation -> DrugAccumulation."""
    return "".join(part.capitalize() for part in widget.name.split("_"))


def controls_class(widget: Widget, words: WidgetText, base: type = param.Parameterized, suffix: str = "Controls") -> type:
    """A subclass of base with one parameter per declared control, named, bounded and worded as on the site."""
    params = {p.name: control(p, words) for p in widget.params}
    return type(f"{class_name(widget)}{suffix}", (base,), {"__doc__": words.summary, **params})


def settings_for(widget: Widget, values: dict) -> dict:
    """Parameter settings from the model's inputs (an index becomes its option name)."""
    return {p.name: p.options[int(round(values[p.name]))] if p.options else float(values[p.name])
            for p in widget.params}
