"""The Panel JSComponent that shows one widget: the site's markup, fed the Python model's texts and plot frames."""
from __future__ import annotations

from pathlib import Path

import panel as pn
import param

from .markup import stylesheet


class WidgetPane(pn.custom.JSComponent):
    """The site's widget view in a shadow root; `values` syncs both ways, `state` flows from Python."""

    html = param.String(doc="The widget's markup at its starting values (written once).")
    state = param.Dict(default={}, doc="Plot frames, readouts, control values and sentence for `values`.")
    values = param.Dict(default={}, doc="The model's inputs (a choice as its index); the reader's moves set it.")
    presets = param.Dict(default={}, doc="Each preset's model inputs, by preset name.")
    theme = param.Selector(default="light", objects=["light", "dark"], doc="The colour scheme of the view.")

    _esm = Path(__file__).with_name("widget_pane.js")
    _stylesheets = [stylesheet()]
