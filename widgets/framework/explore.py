"""Explore a widget's model in Jupyter: a HoloViews DynamicMap over its declared parameters, in given words.

Notebooks call these by widget name through mdr_explainer.widgets.notebook, which looks the
widget and its words up.
"""
from __future__ import annotations

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (registers the Bokeh options used below)
import numpy as np

from .plotting import glyph_data, glyph_label
from .spec import Widget
from .texts import SENTENCE, display_texts

LEGEND = {"below": "bottom"}


def kdim(param, default: float, words) -> hv.Dimension:
    """A key dimension for one parameter: a range and step, or the option names of a choice."""
    name, unit = words.param(param.name, "label"), words.param(param.name, "unit")
    label = f"{name} ({unit})" if unit else name
    if param.options:
        return hv.Dimension(param.name, label=label, values=list(param.options),
                            default=param.options[int(round(default))])
    if param.discrete:
        return hv.Dimension(param.name, label=label, values=[float(v) for v in param.slider_values()],
                            default=float(default))
    return hv.Dimension(param.name, label=label, range=(param.min, param.max), step=param.step,
                        default=float(default))


def model_values(widget: Widget, key) -> dict:
    """Parameter values for a DynamicMap key (option names become their index), checked and snapped."""
    values = {}
    for param, raw in zip(widget.params, key):
        if param.options and isinstance(raw, str):
            raw = param.options.index(raw)
        values[param.name] = param.coerce(raw)
    return values


def element(glyph, fig, merged: dict, words):
    """One HoloViews element for one declared glyph, with the data the site plots."""
    data = glyph_data(glyph, fig, merged, glyph_label(glyph, fig, words))
    # names unique to the figure, so no axis is shared (shared_axes=False breaks Area in HoloViews 1.23)
    x_label, y_label = words.figure(fig.name, "x_label"), words.figure(fig.name, "y_label")
    xd = hv.Dimension(f"{fig.name}_x", label=x_label or "x", range=tuple(fig.x_range))
    yd = hv.Dimension(f"{fig.name}_y", label=y_label or "y", range=tuple(fig.y_range))
    alpha = float(np.ravel(data["alpha"])[0]) if len(np.ravel(data["alpha"])) else 1.0
    line = {"color": glyph.color, "line_width": glyph.width, "line_dash": glyph.dash}  # Bokeh names its dashes as Glyph does
    kind, label = glyph.kind, (words.legend(fig.name, glyph.text_key) if glyph.kind != "text" else "")
    if kind == "line":
        return hv.Curve((data["x"], data["y"]), xd, yd, label=label).opts(**line)
    if kind == "vline":
        return hv.VLine(data["x"][0], kdims=[xd, yd], label=label).opts(**line)
    if kind == "hline":
        return hv.HLine(data["y"][0], kdims=[xd, yd], label=label).opts(**line)
    if kind in ("band", "shade"):
        y2 = hv.Dimension(f"{fig.name}_y2", label=f"{yd.label} (upper edge)")  # Area finds ranges by label
        return hv.Area((data["x"], data["y"], data["y2"]), xd, [yd, y2], label=label).opts(
            color=glyph.color, fill_alpha=0.25, line_alpha=0)
    if kind == "patch":
        return hv.Polygons([{xd.name: data["xs"][0], yd.name: data["ys"][0]}], [xd, yd], label=label).opts(
            color=glyph.color, fill_alpha=alpha, line_color="#333333", line_alpha=alpha, line_width=1.5)
    if kind == "points":
        return hv.Scatter((data["x"], data["y"]), xd, yd, label=label).opts(
            color=glyph.color, size=glyph.size, line_color="#222222", alpha=alpha)
    if kind == "text":
        return hv.Text(data["x"][0], data["y"][0], data["text"][0], fontsize=glyph.size, kdims=[xd, yd]).opts(
            color=glyph.color, text_alpha=alpha)
    raise ValueError(f"unknown glyph kind {kind!r}")


def overlay(fig, merged: dict, words) -> hv.Overlay:
    """One declared figure as an overlay with the site's title, labels, ranges and log axes."""
    parts = hv.Overlay([element(g, fig, merged, words) for g in fig.glyphs])
    axes = {} if fig.axes else {"xaxis": None, "yaxis": None, "show_grid": False}
    return parts.opts(title=words.figure(fig.name, "title"), xlabel=words.figure(fig.name, "x_label"),
                      ylabel=words.figure(fig.name, "y_label"), xlim=tuple(fig.x_range),
                      ylim=tuple(fig.y_range), logx=fig.x_scale == "log", logy=fig.y_scale == "log",
                      height=fig.height + 60, width=640, legend_position=LEGEND.get(fig.legend, fig.legend),
                      **axes)


def layout(widget: Widget, words, values: dict) -> hv.Layout:
    """Every declared figure at the given parameter values, computed by the real model."""
    merged = {**values, **widget.run(values)}
    return hv.Layout([overlay(fig, merged, words) for fig in widget.figures]).cols(1)


def explore(widget: Widget, words, preset: str | None = None, **values) -> hv.DynamicMap:
    """A DynamicMap over the widget's parameters, starting at its defaults, a preset and/or values."""
    start = widget.values_for(preset, values)
    kdims = [kdim(p, start[p.name], words) for p in widget.params]
    return hv.DynamicMap(lambda *key: layout(widget, words, model_values(widget, key)), kdims=kdims)


def describe(widget: Widget, words, preset: str | None = None, **values) -> dict:
    """The readouts shown ("label": "value unit") and the sentence ("sentence") the site shows for these values."""
    chosen = widget.values_for(preset, values)
    outputs = widget.run(chosen)
    texts = display_texts(widget, chosen, outputs, words)
    found = {words.readout(r.key, "label"): f"{texts[r.key]}{words.readout(r.key, 'unit')}"
             for r in widget.readouts if r.shown({**chosen, **outputs})}
    return {**found, "sentence": texts[SENTENCE]}


def explore_panel(widget: Widget, words, preset: str | None = None, **values):
    """A Panel column: the DynamicMap's sliders and plots, with the readouts and sentence below."""
    import panel as pn

    pane = pn.pane.HoloViews(explore(widget, words, preset, **values))
    controls = list(pane.widget_box)

    def text(*key):
        """Readouts and sentence as Markdown for the sliders' current values."""
        found = describe(widget, words, **model_values(widget, key))
        sentence = found.pop("sentence")
        return "\n".join([f"- **{k}**: {v}" for k, v in found.items()] + ["", sentence])

    return pn.Row(pane.widget_box, pn.Column(pane, pn.pane.Markdown(pn.bind(text, *controls))))
