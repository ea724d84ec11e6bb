"""The runtime contract: the JSON a page hands the browser runtime (site/static/mdr.js).

Three documents cross from Python to the browser, each produced by one function here:

1. RuntimeModel, once per widget, in the shared data file `static/data/<name>.<hash>.js`,
   which sets `window.MDR_WIDGETS[name]`. It holds the declaration the runtime needs (parameters,
   grid coordinates, presets, figures, readouts), the description template in the page's
   locale, and the model sampled on the grid (`cube`: little-endian float32, base64).
2. InstanceConfig, once per widget on a page, in `<script class="widget-config">` inside the
   widget's `<figure data-widget>`: which widget, its page-unique id, the URL key its state is
   written under, and its starting values.
3. PageConfig, once per page, in `<script id="mdr-page" type="application/json">`: the locale's
   number symbols and plural language, the live model endpoint (live server only) and the few
   words the runtime writes itself.

Grid layout (RuntimeModel.layout): outputs[key] = {offset, length, axes, scalar}; an output is
stored along only the coordinate axes it depends on, row-major over those axes, `length`
floats per grid point. Coordinates may ascend or descend, linear or log; a coordinate's value
is values[numerator] / (1 + values[one_plus]) (either may be empty). Interpolation is
multilinear (in log space for log coordinates); discrete coordinates snap to the nearest node.
"""
from __future__ import annotations

import base64
import json
import math
from dataclasses import asdict, dataclass

from .numbers import NumberLocale
from .spec import Widget
from .wording import WidgetText


@dataclass(frozen=True)
class RuntimeParam:
    """A control: bounds and step for snapping, grid nodes, number format, option words, unit."""

    name: str
    min: float
    max: float
    step: float
    default: float
    fmt: str
    options: list[str]
    option_keys: list[str]
    unit: str


@dataclass(frozen=True)
class RuntimeCoordinate:
    """One axis of the grid (see the module docstring)."""

    name: str
    nodes: list[float]
    numerator: str
    one_plus: str
    log: bool
    discrete: bool


@dataclass(frozen=True)
class RuntimeGlyph:
    """What to draw from which outputs: x, y, y2 are keys or fixed numbers; text is the label's words.

    legend: the glyph's legend words ('' if none): the series name in data tables, keyboard
    exploration and sonification (site/static/mdr-explore.js).
    """

    kind: str
    x: str | float
    y: str | float
    y2: str | float
    alpha: str
    dy: float
    text: str
    legend: str


@dataclass(frozen=True)
class RuntimeFigure:
    """A figure's fixed ranges and glyphs; data source names are `<instance>/<figure>:<glyph index>`.

    title, x_label, y_label: the figure's words (column headers and announcements of its data);
    x_log, y_log: log-scale axes; axes: False for a picture whose coordinates are not data.
    """

    name: str
    x_range: list[float]
    y_range: list[float]
    glyphs: list[RuntimeGlyph]
    title: str
    x_label: str
    y_label: str
    x_log: bool
    y_log: bool
    axes: bool


@dataclass(frozen=True)
class RuntimeQuestion:
    """A prediction question (widgets/framework/prediction.py), read by site/static/mdr-predict.js.

    preset: the preset it starts from (a link to that preset asks it); start: parameter values while
    the reader predicts (the preset); reveal: values at which the model answers (start plus answer_at); answer: the output key that answers. Point questions: figure and
    glyph (index) place the marker at that glyph's x; low, high, step bound it; marker is the template
    of its value words. Choice questions: choices as {key, label, upper} (upper None for the last,
    unbounded range). compare: the comparison sentence template (describe.py syntax).
    """

    name: str
    kind: str
    preset: str
    start: dict[str, float]
    reveal: dict[str, float]
    answer: str
    figure: str
    glyph: int
    low: float
    high: float
    step: float
    choices: list[dict]
    marker: str
    compare: str


@dataclass(frozen=True)
class RuntimeMechanism:
    """The view of molecules or states beside the plot (spec.Mechanism; site/static/mdr-mechanism.js).

    kind: "cell" or "cycle"; outputs: the model outputs it moves by; stages: the cycle's stage
    names in order; values: the view's own numbers its words name (um_per_dot: µM one dot stands
    for); words: the strings file's `mechanism` tree in the page's locale.
    """

    kind: str
    outputs: list[str]
    stages: list[str]
    values: dict[str, float]
    words: dict


@dataclass(frozen=True)
class RuntimeModel:
    """Everything the runtime knows about one widget, shared by all its instances."""

    name: str
    params: list[RuntimeParam]
    coordinates: list[RuntimeCoordinate]
    presets: dict[str, dict[str, float]]
    figures: list[RuntimeFigure]
    readouts: list[dict]  # {key, fmt, shown}: shown is "" or a template that renders "1" while the readout shows
    sentence: str
    layout: dict
    cube: str
    questions: list[RuntimeQuestion]
    mechanism: RuntimeMechanism | None


@dataclass(frozen=True)
class InstanceConfig:
    """One widget on one page."""

    widget: str
    id: str
    url_key: str
    values: dict[str, float]
    question: str  # the prediction question asked first ('' for none); links may choose another


@dataclass(frozen=True)
class PageConfig:
    """Page-wide settings: number locale, live endpoint (or None) and the runtime's own words."""

    locale: dict
    live: str | None
    words: dict[str, str]


def runtime_model(widget: Widget, cube, text: WidgetText) -> dict:
    """The RuntimeModel of a widget in one locale, as JSON-ready data."""
    from .plotting import glyph_label

    params = [RuntimeParam(name=p.name, min=p.min, max=p.max, step=p.step, default=p.default, fmt=p.fmt,
                           options=[text.option(p.name, o) for o in p.options], option_keys=list(p.options),
                           unit=text.param(p.name, "unit")) for p in widget.params]
    coords = [RuntimeCoordinate(name=c.name, nodes=[float(v) for v in c.nodes], numerator=c.numerator,
                                one_plus=c.one_plus, log=c.scale == "log", discrete=c.discrete)
              for c in widget.grid_coordinates()]
    figures = [RuntimeFigure(name=f.name, x_range=list(f.x_range), y_range=list(f.y_range),
                             glyphs=[RuntimeGlyph(kind=g.kind, x=g.x, y=g.y, y2=g.y2, alpha=g.alpha, dy=g.dy,
                                                  text=glyph_label(g, f, text),
                                                  legend=text.legend(f.name, g.text_key) if g.kind != "text" else "")
                                     for g in f.glyphs],
                             title=text.figure(f.name, "title"), x_label=text.figure(f.name, "x_label"),
                             y_label=text.figure(f.name, "y_label"), x_log=f.x_scale == "log",
                             y_log=f.y_scale == "log", axes=f.axes)
               for f in widget.figures]
    mech = widget.mechanism
    mechanism = RuntimeMechanism(kind=mech.kind, outputs=list(mech.outputs), stages=list(mech.stages),
                                 values=mech.values(), words=text.get("mechanism", default={})) if mech else None
    model = RuntimeModel(
        name=widget.name, params=params, coordinates=coords,
        presets={p.name: widget.values_for(p.name) for p in widget.presets},
        figures=figures, readouts=[{"key": r.key, "fmt": r.fmt, "shown": r.shown_condition} for r in widget.readouts],
        sentence=text.sentence, layout=cube.layout,
        cube=base64.b64encode(cube.values.astype("<f4").tobytes()).decode("ascii"),
        questions=[runtime_question(widget, q, text) for q in widget.questions], mechanism=mechanism)
    return asdict(model)


def runtime_question(widget: Widget, question, text: WidgetText) -> RuntimeQuestion:
    """One question as the runtime reads it (see RuntimeQuestion)."""
    from .prediction import POINT, glyph_index, marker_range, question_values

    figure = next((f for f in widget.figures if f.name == question.figure), None)
    low, high, step = marker_range(question, figure) if question.kind == POINT else (0.0, 0.0, 0.0)
    words = ("predict", question.name)
    return RuntimeQuestion(
        name=question.name, kind=question.kind, preset=question.preset, start=widget.values_for(question.preset),
        reveal=question_values(widget, question), answer=question.answer, figure=question.figure,
        glyph=glyph_index(widget, question), low=low, high=high, step=step,
        choices=[{"key": k, "label": text.need(*words, "choices", k), "upper": None if math.isinf(u) else u}
                 for k, u in question.choices],
        marker=str(text.get(*words, "marker", default="")), compare=text.need(*words, "compare"))


def instance_config(widget: str, instance: str, url_key: str, values: dict, question: str = "") -> dict:
    """The InstanceConfig of one widget on a page."""
    return asdict(InstanceConfig(widget=widget, id=instance, url_key=url_key,
                                 values={k: float(v) for k, v in values.items()}, question=question))


def page_config(locale: NumberLocale, live: str | None, words: dict[str, str]) -> dict:
    """The PageConfig of a page."""
    return asdict(PageConfig(locale=locale.to_json(), live=live, words=words))


def script_json(data) -> str:
    """JSON safe inside a <script> element; key order is kept (Bokeh needs it)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
