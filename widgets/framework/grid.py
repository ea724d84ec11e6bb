"""Evaluate a widget's model on its parameter grid and interpolate it back, as the browser does.

The grid's axes are coordinates (by default the parameters themselves). Each output is stored
only along the coordinates it depends on, so a curve that one slider does not touch is not
repeated for every position of that slider.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .spec import Widget
from .wording import WidgetText


@dataclass(frozen=True)
class Cube:
    """The model sampled on the grid: one float32 array plus the layout the runtime reads it with."""

    values: np.ndarray
    layout: dict

    @property
    def nbytes(self) -> int:
        """Size of the float32 data."""
        return int(self.values.nbytes)


def grid_axes(widget: Widget) -> list[np.ndarray]:
    """The grid nodes of every coordinate, in declaration order."""
    return [np.asarray(c.nodes, dtype=float) for c in widget.grid_coordinates()]


def evaluate_grid(widget: Widget, words: WidgetText) -> dict[str, np.ndarray]:
    """Outputs the views need (their sentence comes with the words) on the full grid, each shaped (*grid sizes, length)."""
    coords = widget.grid_coordinates()
    axes = grid_axes(widget)
    shape = tuple(len(a) for a in axes)
    mesh = {c.name: m.ravel() for c, m in zip(coords, np.meshgrid(*axes, indexing="ij"))}
    keys = widget.output_keys(words.sentence)
    count = int(np.prod(shape))
    if widget.vectorised:
        raw = widget.compute(**widget.params_at(mesh))
        stacked = {k: as_rows(raw[k], count, k) for k in keys if k in raw}
    else:
        runs = [widget.run(widget.params_at({n: float(m[i]) for n, m in mesh.items()})) for i in range(count)]
        stacked = {k: np.stack([np.atleast_1d(r[k]) for r in runs]) for k in keys if k in runs[0]}
    missing = [k for k in keys if k not in stacked]
    if missing:
        raise KeyError(f"widget {widget.name}: model returns no {', '.join(missing)}")
    return {k: v.reshape(*shape, -1) for k, v in stacked.items()}


def as_rows(value, count: int, key: str) -> np.ndarray:
    """A vectorised model's output as one row per grid point: (count,) or (count, length)."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return np.full((count, 1), float(arr))
    if arr.shape[0] != count or arr.ndim > 2:
        raise ValueError(f"output {key}: a vectorised model must return shape ({count},) or ({count}, n)")
    return arr.reshape(count, -1)


def depends_on(values: np.ndarray, axis: int) -> bool:
    """Whether an output changes along one axis by more than rounding (1e-9 of its size)."""
    first = np.broadcast_to(np.take(values, [0], axis=axis), values.shape)
    scale = max(float(np.max(np.abs(values))), 1e-300)
    return not np.allclose(first, values, rtol=0.0, atol=1e-9 * scale)


def build_cube(widget: Widget, words: WidgetText) -> Cube:
    """Sample the model on the grid and pack each output the views need along only the axes it depends on."""
    grid = evaluate_grid(widget, words)
    nparams = len(widget.grid_coordinates())
    chunks, outputs, offset = [], {}, 0
    for key, values in grid.items():
        axes = [a for a in range(nparams) if depends_on(values, a)]
        reduced = values[tuple(slice(None) if a in axes else 0 for a in range(nparams))]
        outputs[key] = {"offset": offset, "length": int(values.shape[-1]), "axes": axes,
                        "scalar": values.shape[-1] == 1}
        chunks.append(reduced.ravel())
        offset += reduced.size
    data = np.concatenate(chunks).astype(np.float32)
    layout = {"outputs": outputs, "sizes": [len(a) for a in grid_axes(widget)], "total": int(data.size)}
    return Cube(values=data, layout=layout)


def axis_weights(coord, value: float) -> list[tuple[int, float]]:
    """Grid indices and weights along one coordinate (nodes ascending or descending, linear or log)."""
    nodes = np.asarray(coord.nodes, dtype=float)
    value = min(max(value, nodes.min()), nodes.max())
    if coord.discrete:
        return [(int(np.argmin(np.abs(nodes - value))), 1.0)]
    coords = np.log(nodes) if coord.scale == "log" else nodes
    x = np.log(value) if coord.scale == "log" else value
    for i in range(len(nodes) - 1):
        lo, hi = sorted((coords[i], coords[i + 1]))
        if lo <= x <= hi:
            w = float((x - coords[i]) / (coords[i + 1] - coords[i]))
            return [(i, 1.0 - w), (i + 1, w)]
    raise ValueError(f"{coord.name}: {value} is outside the grid")  # unreachable after clamping


def interpolate(widget: Widget, cube: Cube, values: dict) -> dict:
    """Outputs at any parameter values from the cube (the Python twin of the browser runtime)."""
    sizes = cube.layout["sizes"]
    per_axis = [axis_weights(c, c.value(values)) for c in widget.grid_coordinates()]
    out = {}
    for key, spec in cube.layout["outputs"].items():
        axes, n = spec["axes"], spec["length"]
        acc = np.zeros(n)
        for combo in itertools.product(*[per_axis[a] for a in axes]):
            weight = float(np.prod([w for _, w in combo]))
            if weight == 0.0:
                continue
            flat = int(np.ravel_multi_index([i for i, _ in combo], [sizes[a] for a in axes])) if axes else 0
            start = spec["offset"] + flat * n
            acc += weight * cube.values[start:start + n].astype(np.float64)  # float64, as the browser adds
        out[key] = float(acc[0]) if spec["scalar"] else acc
    return out
