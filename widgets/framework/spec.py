"""The widget declaration: parameters, model, figures, readouts and presets; words live elsewhere.

Every declaration is keyword-only and word-free. What a reader sees or hears (titles, labels,
units, help, legends, the description sentence, preset names) sits in the widget's strings file,
content/strings/<locale>/widgets/<name>.yaml; the caller (the site build, the notebook API) reads
it as a `wording.WidgetText` and hands it to the code that needs words.
"""
from __future__ import annotations

import inspect
from functools import cached_property
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Union

import numpy as np

from .describe import template_keys
from .params import Param, Preset

Place = Union[str, float]  # an output or parameter key, or a fixed number declared by the view


@dataclass(frozen=True, kw_only=True)
class Glyph:
    """One drawn element whose data come from model outputs or fixed places.

    kind: "line" (x, y arrays), "band" (x, y, y2 arrays), "patch" (x, y arrays, one polygon),
    "points" (x, y arrays or scalars), "vline" (x), "hline" (y), "text" (x, y scalars),
    "shade" (x: interval edges in groups of four, a a b b; shaded over the figure's full height).
    x, y and y2 name an output or parameter, or give a fixed number; dy shifts a text label.
    alpha names an optional scalar output (0..1) that fades the glyph in and out.
    key names the glyph in the strings file (legend entry or label text); it defaults to y or x.
    """

    kind: str
    x: Place = ""
    y: Place = ""
    y2: Place = ""
    key: str = ""
    color: str = "#0072B2"
    dash: str = "solid"
    width: float = 2.5
    alpha: str = ""
    size: float = 10
    dy: float = 0.0

    @property
    def text_key(self) -> str:
        """The key of this glyph's words in the figure's strings."""
        return self.key or next((k for k in (self.y, self.x) if isinstance(k, str) and k), "")

    def data_keys(self) -> list[str]:
        """Outputs or parameters this glyph reads."""
        return [k for k in (self.x, self.y, self.y2, self.alpha) if isinstance(k, str) and k]


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A plot with fixed axes, so that moving a slider never rescales what a reader compares."""

    name: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    glyphs: tuple[Glyph, ...]
    x_scale: str = "linear"
    y_scale: str = "linear"
    height: int = 300
    axes: bool = True
    legend: str = "below"


@dataclass(frozen=True, kw_only=True)
class Coordinate:
    """An axis of the static grid: numerator / (1 + one_plus), built from parameter values.

    With one_plus empty it is just a parameter. The quotient form is the one noncompetitive
    inhibition takes (Vmax / (1 + I/Ki)), so a model that depends on pump level and inhibitor
    only through that quotient is stored along one axis instead of two. Nodes may ascend or
    descend, on a linear or a log scale.
    """

    name: str
    nodes: tuple[float, ...]
    numerator: str = ""
    one_plus: str = ""
    scale: str = "linear"
    discrete: bool = False

    def __post_init__(self):
        """Reject node lists that are not strictly monotonic."""
        steps = np.diff(np.asarray(self.nodes, dtype=float))
        if len(self.nodes) < 2 or not (np.all(steps > 0) or np.all(steps < 0)):
            raise ValueError(f"coordinate {self.name}: nodes must strictly ascend or strictly descend")

    def value(self, params: dict) -> float:
        """This coordinate at the given parameter values."""
        top = params[self.numerator] if self.numerator else 1.0
        return top / (1.0 + (params[self.one_plus] if self.one_plus else 0.0))


def with_nodes(coord: Coordinate, extra: list[float]) -> Coordinate:
    """The coordinate with extra nodes inside its span, kept in its direction (ascending or descending)."""
    nodes = np.asarray(coord.nodes, dtype=float)
    inside = [x for x in extra if nodes.min() <= x <= nodes.max() and not np.any(np.isclose(nodes, x, rtol=1e-9, atol=1e-12))]
    if not inside:
        return coord
    merged = np.unique(np.concatenate([nodes, inside]))
    merged = merged if nodes[0] < nodes[-1] else merged[::-1]
    return replace(coord, nodes=tuple(float(v) for v in merged))


@dataclass(frozen=True, kw_only=True)
class Readout:
    """A scalar output shown as a labelled number beside the plot (label and unit in strings).

    shown_if is a condition in the sentence syntax without braces ("immune_weight>0"): the
    readout is shown only while it holds.
    """

    key: str
    fmt: str = ""
    shown_if: str = ""

    def shown(self, values: dict) -> bool:
        """Whether the readout is shown for these values (mdr.js renders the same condition)."""
        from .describe import render

        return not self.shown_if or render(self.shown_condition, values) == "1"

    @property
    def shown_condition(self) -> str:
        """shown_if as a template that renders "1" while the readout is shown."""
        return "{?" + self.shown_if + "|1|}" if self.shown_if else ""


@dataclass(frozen=True, kw_only=True)
class Mechanism:
    """Molecules or states drawn moving at the model's rates beside the plot (site/static/mdr-mechanism.js).

    kind: "cell" (drug molecules entering one cell and leaving it by leak or pump) or "cycle" (a
    pump stepping through its named stages). outputs: the model outputs the view moves by, read
    from the same grid or live reply as the plot; stages: the cycle's stage names, in order (their
    words: mechanism.stages.<name> in the strings file); um_per_dot: the drug one drawn molecule
    stands for, µM (kind "cell"; a drawing choice).
    """

    kind: str
    outputs: tuple[str, ...]
    stages: tuple[str, ...] = ()
    um_per_dot: float = 0.0

    def values(self) -> dict[str, float]:
        """The view's own numbers its words may name (beside the model's outputs)."""
        return {"um_per_dot": self.um_per_dot}


@dataclass(frozen=True, kw_only=True, eq=False)
class Widget:
    """Everything generic code needs to make the live view, static view, embed page and docs."""

    name: str
    params: tuple[Param, ...]
    compute: Callable[..., dict]
    figures: tuple[Figure, ...]
    readouts: tuple[Readout, ...]
    presets: tuple[Preset, ...]
    vectorised: bool = False
    coordinates: tuple[Coordinate, ...] = ()
    from_coordinates: Callable[..., dict] | None = None
    note_path: Path | None = None
    questions: tuple = ()  # prediction questions (widgets/framework/prediction.py)
    mechanism: Mechanism | None = None

    def grid_coordinates(self) -> tuple[Coordinate, ...]:
        """Axes of the static grid, holding every preset exactly (see exact_grid)."""
        return self.exact_grid

    @cached_property
    def exact_grid(self) -> tuple[Coordinate, ...]:
        """Axes of the static grid (declared ones, or one per parameter), holding every preset exactly.

        The default and each preset add their own coordinate value as a node, so the states that
        lessons and links open are stored, not interpolated.
        """
        coords = self.coordinates or tuple(
            Coordinate(name=p.name, nodes=tuple(float(v) for v in p.nodes()), numerator=p.name,
                       scale=p.scale, discrete=p.discrete) for p in self.params)
        states = [self.defaults()] + [self.values_for(p.name) for p in self.presets]
        return tuple(c if c.discrete else with_nodes(c, [c.value(v) for v in states]) for c in coords)

    def params_at(self, coords: dict) -> dict:
        """Parameter values that land on given coordinates (identity unless the widget says)."""
        if self.from_coordinates:
            return self.from_coordinates(**coords)
        return coords

    def param(self, name: str) -> Param:
        """The declared parameter called name."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"widget {self.name} has no parameter {name!r}")

    def preset(self, name: str) -> Preset:
        """The declared preset called name."""
        for p in self.presets:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.presets)
        raise KeyError(f"widget {self.name} has no preset {name!r}; known presets: {known}")

    def defaults(self) -> dict:
        """The default value of every parameter."""
        return {p.name: p.default for p in self.params}

    def values_for(self, preset: str | None = None, overrides: dict | None = None) -> dict:
        """Parameter values after applying a preset and single overrides (all checked)."""
        values = self.defaults()
        if preset:
            values.update({k: self.param(k).coerce(v) for k, v in self.preset(preset).values.items()})
        for key, raw in (overrides or {}).items():
            values[key] = self.param(key).coerce(raw)
        return values

    def run(self, values: dict) -> dict:
        """Evaluate the model and return outputs as float64 scalars and 1-D arrays."""
        raw = self.compute(**values)
        return {k: (np.asarray(v, dtype=float) if np.ndim(v) else float(v)) for k, v in raw.items()}

    def folder(self) -> Path:
        """The widget's folder: where its model lives (and its NOTE.md beside it)."""
        return (self.note_path or Path(inspect.getfile(self.compute))).parent

    def note(self) -> str:
        """The teacher-readable model note (Markdown): note_path, or NOTE.md beside the model."""
        return (self.note_path or self.folder() / "NOTE.md").read_text(encoding="utf-8")

    @cached_property
    def drawn_outputs(self) -> tuple[str, ...]:
        """Outputs the figures draw, the readouts show or their conditions read (the words add the sentence's)."""
        keys = [k for fig in self.figures for g in fig.glyphs for k in g.data_keys()] + [r.key for r in self.readouts]
        keys += [k for r in self.readouts for k in template_keys(r.shown_condition)]
        keys += [q.answer for q in self.questions]  # prediction answers (prediction.py)
        keys += list(self.mechanism.outputs) if self.mechanism else []
        param_names = {p.name for p in self.params}
        return tuple(k for k in dict.fromkeys(keys) if k not in param_names)

    def output_keys(self, sentence: str) -> list[str]:
        """Outputs the views need: those drawn, read out or named in the given description sentence."""
        param_names = {p.name for p in self.params}
        named = [k for k in template_keys(sentence) if k not in param_names]
        return list(dict.fromkeys([*self.drawn_outputs, *named]))
