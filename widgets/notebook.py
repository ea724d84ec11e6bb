"""The notebook API: explore, describe, explore_panel and panel_widget a widget by name, in its English words.

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


def panel_widget(name_or_widget, preset: str | None = None, *, words: WidgetText | None = None, site_words=None,
                 numbers=None, theme: str | None = None, **values):
    """The widget as a Panel component that looks and reads as on the site (see widgets/panel_view/).

    words, site_words and numbers default to English; theme to Panel's (light, or dark with ?theme=dark).
    """
    from mdr_explainer.widgets.framework.numbers import ENGLISH
    from mdr_explainer.widgets.panel_view import widget_view

    widget = get_widget(name_or_widget)
    return widget_view(widget, words or english(widget), preset, site_words=site_words,
                       numbers=numbers or ENGLISH, theme=theme, **values)
