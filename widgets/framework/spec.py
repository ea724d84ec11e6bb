"""The widget declaration: parameters, model, figures, readouts, description and presets."""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .params import Param, Preset


@dataclass(frozen=True)
class Glyph:
    """One drawn element whose data come from model outputs.

    kind: "line" (x, y arrays), "band" (x, y1, y2 arrays), "patch" (x, y arrays, one polygon),
    "points" (x, y arrays), "vline" (x scalar), "hline" (y scalar), "text" (x, y scalars).
    alpha names an optional scalar output (0..1) that fades the glyph in and out.
    """

    kind: str
    x: str = ""
    y: str = ""
    y2: str = ""
    label: str = ""
    color: str = "#0072B2"
    dash: str = "solid"
    width: float = 2.5
    alpha: str = ""
    text: str = ""
    size: float = 10


@dataclass(frozen=True)
class Figure:
    """A plot with fixed axes, so that moving a slider never rescales what a reader compares."""

    name: str
    title: str
    x_label: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    glyphs: tuple[Glyph, ...]
    x_scale: str = "linear"
    y_scale: str = "linear"
    height: int = 300
    axes: bool = True
    legend: str = "below"


@dataclass(frozen=True)
class Coordinate:
    """An axis of the static grid: numerator / (1 + one_plus), built from parameter values.

    With one_plus empty it is just a parameter. The quotient form is the one noncompetitive
    inhibition takes (Vmax / (1 + I/Ki)), so a model that depends on pump level and inhibitor
    only through that quotient is stored along one axis instead of two.
    """

    name: str
    nodes: tuple[float, ...]
    numerator: str = ""
    one_plus: str = ""
    scale: str = "linear"
    discrete: bool = False

    def value(self, params: dict) -> float:
        """This coordinate at the given parameter values."""
        top = params[self.numerator] if self.numerator else 1.0
        return top / (1.0 + (params[self.one_plus] if self.one_plus else 0.0))

    def to_json(self) -> dict:
        """The coordinate as the browser runtime needs it."""
        return {"name": self.name, "nodes": [float(v) for v in self.nodes], "numerator": self.numerator,
                "one_plus": self.one_plus, "log": self.scale == "log", "discrete": self.discrete}


@dataclass(frozen=True)
class Readout:
    """A scalar output shown as a labelled number beside the plot."""

    key: str
    label: str
    fmt: str = ""
    unit: str = ""


@dataclass(frozen=True, eq=False)
class Widget:
    """Everything generic code needs to make the live view, static view, embed page and docs."""

    name: str
    title: str
    summary: str
    params: tuple[Param, ...]
    compute: Callable[..., dict]
    figures: tuple[Figure, ...]
    readouts: tuple[Readout, ...]
    sentence: str
    presets: tuple[Preset, ...]
    note_path: Path | None = None
    label: str = "Illustration of a published mechanism, not a prediction for any person."
    extra: dict = field(default_factory=dict)
    coordinates: tuple[Coordinate, ...] = ()
    from_coordinates: Callable[..., dict] | None = None

    def grid_coordinates(self) -> tuple[Coordinate, ...]:
        """Axes of the static grid: declared ones, or one per parameter."""
        if self.coordinates:
            return self.coordinates
        return tuple(Coordinate(p.name, tuple(float(v) for v in p.nodes()), numerator=p.name,
                                scale=p.scale, discrete=p.discrete) for p in self.params)

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

    def output_keys(self) -> list[str]:
        """Outputs the views need: those drawn, read out or named in the description."""
        from .describe import template_keys

        keys: list[str] = []
        for fig in self.figures:
            for g in fig.glyphs:
                keys += [k for k in (g.x, g.y, g.y2, g.alpha) if k]
        keys += [r.key for r in self.readouts]
        keys += template_keys(self.sentence)
        param_names = {p.name for p in self.params}
        return [k for k in dict.fromkeys(keys) if k not in param_names]
