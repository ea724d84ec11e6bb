"""widget_view(widget, words): a Panel Viewer whose parameters are the widget's controls, shown as on the site."""
from __future__ import annotations

import itertools

import panel as pn

from ..framework.numbers import ENGLISH, NumberLocale
from ..framework.spec import Widget
from ..framework.wording import WidgetText
from .controls import controls_class, settings_for
from .markup import english_site_words, view_html, view_state
from .pane import WidgetPane

COUNTER = itertools.count(1)


def panel_theme() -> str:
    """light or dark, as Panel's current theme (pn.config.theme, set per session by ?theme=dark)."""
    return "dark" if pn.config.theme == "dark" else "light"


class WidgetViewer(pn.viewable.Viewer):
    """Base of the generated classes: keeps the view in step with the parameters, both ways."""

    widget: Widget
    words: WidgetText

    def __init__(self, site_words=None, numbers: NumberLocale = ENGLISH, theme: str | None = None, **params):
        super().__init__(**params)
        self._site_words, self._numbers = site_words or english_site_words(), numbers
        self._id = f"{self.widget.name}-panel-{next(COUNTER)}"
        values = self.model_values()
        self._pane = WidgetPane(
            html=view_html(self.widget, self._id, values, self.words, self._site_words, numbers),
            values=values, state=self.state_for(values), theme=theme or panel_theme(),
            presets={p.name: self.widget.values_for(p.name) for p in self.widget.presets},
            sizing_mode="stretch_width")
        self.param.watch(self._refresh, [p.name for p in self.widget.params])
        self._pane.param.watch(self._moved, "values")

    def model_values(self) -> dict:
        """The model's inputs for the current parameters, checked and snapped like the site's controls."""
        return self.widget.values_for(overrides={p.name: getattr(self, p.name) for p in self.widget.params})

    def state_for(self, values: dict) -> dict:
        """The view's texts and plot frames at these inputs, from the real model."""
        return view_state(self.widget, self._id, values, self.words, self._numbers)

    @property
    def sentence(self) -> str:
        """The sentence the view shows now (what a screen reader hears)."""
        return self._pane.state["sentence"]

    @property
    def readouts(self) -> dict:
        """The readouts the view shows now, by readout key, formatted as on the site."""
        state = self._pane.state
        return {key: text for key, text in state["readouts"].items() if state["shown"][key]}

    def _refresh(self, *events) -> None:
        """A parameter changed (from Python or the view): snap it, then redraw the view."""
        values = self.model_values()
        snapped = settings_for(self.widget, values)
        if any(getattr(self, k) != v for k, v in snapped.items()):
            self.param.update(**snapped)
            return
        self._pane.param.update(values=values, state=self.state_for(values))

    def _moved(self, event) -> None:
        """The reader moved a control: the parameters follow."""
        self.param.update(**settings_for(self.widget, self.widget.values_for(overrides=event.new)))

    def __panel__(self):
        return self._pane


def viewer_class(widget: Widget, words: WidgetText) -> type:
    """The generated Viewer class of one widget (its parameters are the declared controls)."""
    cls = controls_class(widget, words, base=WidgetViewer, suffix="Widget")
    cls.widget, cls.words = widget, words
    return cls


def widget_view(widget: Widget, words: WidgetText, preset: str | None = None, *, site_words=None,
                numbers: NumberLocale = ENGLISH, theme: str | None = None, **values) -> WidgetViewer:
    """A widget as a Panel component, starting at its defaults, a preset and/or values (checked as on the site).

    words: the widget's WidgetText; site_words: a t(key, **values) callable for the site's chrome words
    (English site.yaml by default); numbers: the NumberLocale numbers are written in.
    """
    start = settings_for(widget, widget.values_for(preset, values))
    return viewer_class(widget, words)(site_words=site_words, numbers=numbers, theme=theme, **start)
