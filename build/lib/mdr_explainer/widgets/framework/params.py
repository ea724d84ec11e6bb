"""Model inputs declared once: bounds, step, grid nodes, or a choice among named options."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .numbers import fixed


@dataclass(frozen=True, kw_only=True)
class Param:
    """One model input, declared once; sliders, URL state and the static grid derive from it.

    Its words (label, unit, help, option names) live in the widget's strings file.
    """

    name: str
    min: float
    max: float
    step: float
    default: float
    grid: tuple[float, ...] = ()
    scale: str = "linear"
    fmt: str = ""
    options: tuple[str, ...] = ()

    def __post_init__(self):
        """Reject declarations whose bounds, default or grid do not fit together."""
        if not self.min < self.max:
            raise ValueError(f"{self.name}: min must be below max")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"{self.name}: default {self.default} outside [{self.min}, {self.max}]")
        if self.options and (self.min != 0 or self.step != 1 or len(self.options) != self.count_steps()):
            raise ValueError(f"{self.name}: {len(self.options)} options for {self.count_steps()} steps")
        if self.scale == "log" and self.min <= 0:
            raise ValueError(f"{self.name}: a log-scaled parameter needs min > 0")
        nodes = self.nodes()
        if nodes[0] != self.min or nodes[-1] != self.max or np.any(np.diff(nodes) <= 0):
            raise ValueError(f"{self.name}: grid must rise strictly from min to max")

    @property
    def discrete(self) -> bool:
        """True for choices and integer steppers, which snap instead of interpolating."""
        return bool(self.options) or (self.step >= 1 and float(self.step).is_integer() and not self.grid)

    def count_steps(self) -> int:
        """Number of slider positions from min to max."""
        return int(round((self.max - self.min) / self.step)) + 1

    def slider_values(self) -> np.ndarray:
        """Every value the slider can take."""
        return np.round(self.min + self.step * np.arange(self.count_steps()), 10)

    def nodes(self) -> np.ndarray:
        """Grid nodes at which the static site stores the model."""
        if self.grid:
            return np.asarray(self.grid, dtype=float)
        return self.slider_values()

    def snap(self, value: float) -> float:
        """Nearest slider position to value, inside the bounds (halves round up, as in the browser)."""
        steps = math.floor((min(max(value, self.min), self.max) - self.min) / self.step + 0.5)
        return float(fixed(self.min + steps * self.step, 10))

    def coerce(self, raw) -> float:
        """Turn user input (text, number or option name) into an allowed value, or raise ValueError saying why."""
        if self.options and isinstance(raw, str) and raw in self.options:
            return float(self.options.index(raw))
        try:
            value = float(raw)
        except (TypeError, ValueError):
            named = f" or one of {', '.join(self.options)}" if self.options else ""
            raise ValueError(f"{self.name} must be a number{named}, got {raw!r}") from None
        if not math.isfinite(value):
            raise ValueError(f"{self.name} must be a finite number, got {raw!r}")
        if not self.min <= value <= self.max:
            raise ValueError(
                f"{self.name}={value:g} is outside its range; use a value from {self.min:g} to {self.max:g}"
            )
        return self.snap(value)


def Choice(*, name: str, options: tuple[str, ...], default: str) -> Param:
    """A choice among named options (keys; their words live in the strings file).

    The model receives the option's index 0..n-1; links may name the option or its index.
    """
    if default not in options:
        raise ValueError(f"{name}: default {default!r} is not one of {options}")
    return Param(name=name, min=0.0, max=float(len(options) - 1), step=1.0,
                 default=float(options.index(default)), options=tuple(options))


@dataclass(frozen=True, kw_only=True)
class Preset:
    """A named parameter set that a lesson or a link can open (its title is in the strings file)."""

    name: str
    values: dict = field(default_factory=dict)
