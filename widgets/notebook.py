"""The notebook API: explore, describe and explore_panel a widget by name, in its English words.

This is the caller that looks a widget and its words up; the framework below it takes both as
arguments, so widgets/framework/ never reads the registry.
"""
from __future__ import annotations

from mdr_explainer.widgets.framework import explore as views
from mdr_explainer.widgets.framework.spec import Widget
from mdr_explainer.widgets.framework.wording import WidgetText, widget_text
from mdr_explainer.widgets.registry import REGISTRY


def get_widget(name_or_widget) -> Widget:
    """The registered widget called name, or the widget itself."""
    if isinstance(name_or_widget, Widget):
        return name_or_widget
    try:
        return REGISTRY[name_or_widget]
    except KeyError:
        raise KeyError(f"no widget {name_or_widget!r}; known widgets: {', '.join(REGISTRY)}") from None


def english(widget: Widget) -> WidgetText:
    """A widget's words from its English strings file."""
    return widget_text(widget.name)


def explore(name_or_widget, preset: str | None = None, **values):
    """A HoloViews DynamicMap over the widget's parameters, starting at its defaults, a preset and/or values."""
    widget = get_widget(name_or_widget)
    return views.explore(widget, english(widget), preset, **values)


def describe(name_or_widget, preset: str | None = None, **values) -> dict:
    """The readouts ("label": "value unit") and the sentence ("sentence") the site shows for these values."""
    widget = get_widget(name_or_widget)
    return views.describe(widget, english(widget), preset, **values)


def explore_panel(name_or_widget, preset: str | None = None, **values):
    """A Panel row: the DynamicMap's sliders and plots, with the readouts and sentence beside them."""
    widget = get_widget(name_or_widget)
    return views.explore_panel(widget, english(widget), preset, **values)
