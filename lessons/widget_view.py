"""What a widget instance shows at given values: the template context shared by live and static."""
from __future__ import annotations

import json

from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
from mdr_explainer.widgets.framework.spec import Widget


def script_json(data) -> str:
    """JSON safe to place inside a <script> element; key order is kept (Bokeh needs it)."""
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")


def instance_context(widget: Widget, values: dict, instance: str, caption_html: str = "") -> dict:
    """Template context for one widget on a page (controls, readouts, sentence)."""
    outputs = widget.run(values)
    texts = display_texts(widget, values, outputs)
    return {
        "name": widget.name, "instance": instance, "title": widget.title, "label": widget.label,
        "caption": caption_html,
        "params": [{**p.__dict__, "value": (int(values[p.name]) if p.options else values[p.name]),
                    "display": texts[f"param:{p.name}"]} for p in widget.params],
        "presets": widget.presets,
        "readouts": [{"key": r.key, "label": r.label, "unit": r.unit, "text": texts[r.key]} for r in widget.readouts],
        "sentence": texts[SENTENCE],
        "outputs": outputs,
    }


def runtime_model(widget: Widget, cube) -> dict:
    """Everything the browser runtime needs about a widget, shared by all its instances."""
    return {
        "name": widget.name,
        "params": [{**p.to_json(), "unit": p.unit} for p in widget.params],
        "coordinates": [c.to_json() for c in widget.grid_coordinates()],
        "presets": {p.name: widget.values_for(p.name) for p in widget.presets},
        "figures": [{"name": f.name, "x_range": list(f.x_range), "y_range": list(f.y_range),
                     "glyphs": [{"kind": g.kind, "x": g.x, "y": g.y, "y2": g.y2, "alpha": g.alpha,
                                 "text": g.text} for g in f.glyphs]} for f in widget.figures],
        "readouts": [{"key": r.key, "fmt": r.fmt} for r in widget.readouts],
        "sentence": widget.sentence,
        "layout": cube.layout,
    }
