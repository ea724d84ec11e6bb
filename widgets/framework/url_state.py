"""State in a link: ?<key>.<param>=value per widget instance (parity: mdr.js valuesFromQuery).

A value may be a number (snapped into range) or, for a choice, the option's name; a preset
applies first, then single values; anything unusable is ignored, so a bad link never breaks a page.
"""
from __future__ import annotations

import math
from urllib.parse import parse_qsl

from .spec import Widget


def parse_param(param, raw: str | None) -> float | None:
    """A query value as an allowed parameter value, or None if unusable."""
    if raw is None or not raw.strip():
        return None
    if raw.strip() in param.options:
        return float(param.options.index(raw.strip()))
    try:
        value = float(raw)
    except ValueError:
        return None
    return param.snap(value) if math.isfinite(value) else None


def values_from_query(widget: Widget, start: dict, prefix: str, query: str) -> dict:
    """Values for one instance after applying its preset and parameters from a query string."""
    args = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))
    values = dict(start)
    preset = args.get(prefix + "preset")
    if preset in {p.name for p in widget.presets}:
        values.update(widget.values_for(preset))
    for p in widget.params:
        value = parse_param(p, args.get(prefix + p.name))
        if value is not None:
            values[p.name] = value
    return values


def checked_values(widget: Widget, raw: dict, fallback: dict) -> dict:
    """Values sent by a browser, snapped into range; anything unusable keeps its fallback."""
    values = dict(fallback)
    for p in widget.params:
        try:
            value = float(raw[p.name])
        except (KeyError, TypeError, ValueError):
            continue
        if math.isfinite(value):
            values[p.name] = p.snap(value)
    return values


def guess_from_text(question, figure, raw: str | None):
    """A committed prediction from a link: an option key, or a number snapped into the marker's range; else None."""
    from .prediction import CHOICE, marker_range

    if raw is None or not raw.strip():
        return None
    if question.kind == CHOICE:
        return raw.strip() if raw.strip() in {k for k, _ in question.choices} else None
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    low, high, step = marker_range(question, figure)
    return round(low + round((min(max(value, low), high) - low) / step) * step, 10)


def prediction_from_query(widget: Widget, default: str, prefix: str, query: str) -> dict:
    """The question an instance asks ('' for none) and the committed guess, from a link (parity: mdr-model.js).

    ?predict=0 turns every prediction off; ?<prefix>predict=0 or =<question> sets one instance's;
    else a question tied to the linked preset is asked, else the instance's default. ?<prefix>guess=
    restores a committed prediction.
    """
    args = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))
    names = {q.name: q for q in widget.questions}
    chosen = args.get(prefix + "predict", "").strip()
    tied = [q.name for q in widget.questions if q.preset == args.get(prefix + "preset")]
    if args.get("predict", "").strip() == "0" or chosen == "0" or not names:
        return {"question": "", "guess": None}
    name = chosen if chosen in names else (tied[0] if tied else default)
    if name not in names:
        return {"question": "", "guess": None}
    question = names[name]
    figure = next((f for f in widget.figures if f.name == question.figure), None)
    return {"question": name, "guess": guess_from_text(question, figure, args.get(prefix + "guess"))}
