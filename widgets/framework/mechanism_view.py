"""The first frame of a widget's mechanism view: the picture, its words and the state on show, without script.

site/templates/partials/mechanism.html draws it (included by partials/widget-view.html); the site's
mdr-mechanism.js then moves it at the model's rates, reading the geometry back from the elements written here.
"""
from __future__ import annotations

import math

from .describe import render
from .numbers import NumberLocale
from .spec import Widget
from .wording import WidgetText

# The cell picture, in viewBox units (drawing choices): an ellipse with pumps spaced round its membrane.
CELL = {"width": 320, "height": 200, "cx": 160, "cy": 104, "rx": 112, "ry": 70}
PUMP_COUNT = 8
# The cycle picture: seven stage marks on a ring, the first at the top, going clockwise.
RING = {"size": 200, "c": 100, "r": 72}


def pump_places() -> list[dict]:
    """Where each pump sits on the cell's membrane and which way it faces (degrees)."""
    places = []
    for i in range(PUMP_COUNT):
        a = 2 * math.pi * (i + 0.5) / PUMP_COUNT
        x, y = CELL["cx"] + CELL["rx"] * math.cos(a), CELL["cy"] + CELL["ry"] * math.sin(a)
        normal = math.degrees(math.atan2(math.sin(a) / CELL["ry"], math.cos(a) / CELL["rx"]))
        places.append({"x": round(x, 1), "y": round(y, 1), "angle": round(normal, 1)})
    return places


def ring_places(count: int) -> list[dict]:
    """The centre of each stage mark on the ring."""
    return [{"x": round(RING["c"] + RING["r"] * math.sin(2 * math.pi * i / count), 1),
             "y": round(RING["c"] - RING["r"] * math.cos(2 * math.pi * i / count), 1)} for i in range(count)]


def stage_now(words: WidgetText, stages: tuple[str, ...], merged: dict, locale: NumberLocale) -> tuple[int, str]:
    """The stage on show (its index in stages; the last is the stalled state) and its description."""
    stalled = merged["stalled"] >= 0.5
    index = len(stages) - 1 if stalled else int(round(merged["state"]))
    stage = {"stage": index + 1, "title": words.need("mechanism", "stages", stages[index], "title"),
             "text": words.need("mechanism", "stages", stages[index], "text")}
    return index, render(words.need("mechanism", "stalled_now" if stalled else "now"), stage, locale)


def mechanism_context(widget: Widget, merged: dict, words: WidgetText, locale: NumberLocale) -> dict | None:
    """What partials/mechanism.html needs for one widget at its starting values (None without a mechanism)."""
    mech = widget.mechanism
    if mech is None:
        return None
    word = lambda key: words.need("mechanism", key)  # noqa: E731
    context = {"kind": mech.kind, "title": word("title"), "picture": word("picture"),
               "sentence": render(word("sentence"), {**merged, **mech.values()}, locale),
               "pause": word("pause"), "still": word("still")}
    if mech.kind == "cell":
        context.update(cell=CELL, pumps=pump_places(), legend=words.get("mechanism", "legend"),
                       labels=words.get("mechanism", "labels"),
                       pump_activity=round(float(merged["pump_activity_pct"]), 2))
        return context
    cycle = mech.stages[:-1]
    current, now = stage_now(words, mech.stages, merged, locale)
    context.update(ring=RING, now=now, list_title=word("list_title"), previous=word("previous"), next=word("next"),
                   stalled=current == len(cycle),
                   stages=[{"number": i + 1, "title": words.need("mechanism", "stages", s, "title"),
                            "text": words.need("mechanism", "stages", s, "text"), "current": i == current, **place}
                           for i, (s, place) in enumerate(zip(cycle, ring_places(len(cycle))))])
    return context
