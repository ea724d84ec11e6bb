"""Static widget views: the model on its grid in a shared data file, plus a Bokeh item per instance."""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from bokeh.embed import json_item
from bokeh.models import ColumnDataSource

from mdr_explainer.widgets.framework.grid import Cube, build_cube
from mdr_explainer.widgets.framework.plotting import build_layout
from mdr_explainer.widgets.framework.spec import Widget

from .templating import environment
from .widget_view import instance_context, runtime_model, script_json


@lru_cache(maxsize=None)
def cube_for(widget: Widget) -> Cube:
    """The widget's grid, computed once per process."""
    return build_cube(widget)


def data_script(widget: Widget) -> tuple[str, str]:
    """(file name, JavaScript) that registers the widget's runtime model and float32 grid."""
    cube = cube_for(widget)
    model = runtime_model(widget, cube)
    model["cube"] = base64.b64encode(cube.values.astype("<f4").tobytes()).decode("ascii")
    text = f"(window.MDR_WIDGETS=window.MDR_WIDGETS||{{}})[{script_json(widget.name)}]={script_json(model)};\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{widget.name}.{digest}.js", text


def renumber_ids(item: dict, instance: str) -> dict:
    """Replace Bokeh's process-wide counter ids by ids derived from the instance, in order of use.

    This makes two builds of the same content byte-identical and ids unique on a page.
    """
    mapping: dict[str, str] = {}

    def new_id(old: str) -> str:
        return mapping.setdefault(old, f"{instance}-{len(mapping) + 1}")

    def walk(node):
        if isinstance(node, dict):
            return {k: (new_id(v) if k in ("id", "root_id") and isinstance(v, str) else walk(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(item)


def bokeh_item(widget: Widget, outputs: dict, instance: str) -> str:
    """The plot as a Bokeh JSON item, with an empty data source that the page fills with the grid."""
    layout = build_layout(widget, outputs, instance)
    cube_source = ColumnDataSource(data={"values": []}, name=f"{instance}/cube")
    layout.tags = [cube_source]
    return script_json(renumber_ids(json_item(layout, target=f"{instance}-plot"), instance))


def static_widget_html(widget: Widget, values: dict, instance: str, root: str, caption: str,
                       url_prefix: str) -> str:
    """One widget instance for a static page."""
    context = instance_context(widget, values, instance, caption)
    config = {"name": widget.name, "instance": instance, "values": values, "url_prefix": url_prefix}
    context["config_json"] = script_json(config)
    context["bokeh_item"] = bokeh_item(widget, {**values, **context["outputs"]}, instance)
    return environment().get_template("partials/widget.html").render(w=context, root=root, plot_html="", live=False)
