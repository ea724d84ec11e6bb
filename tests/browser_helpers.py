"""Reading what a reader's browser shows: plotted data, descriptions and their agreement with Python."""
from __future__ import annotations

import re

import numpy as np

from mdr_explainer.widgets.framework.plot_geometry import UNITS, glyph_shape

from mdr_explainer.widgets.framework.plotting import glyph_data

READ_GLYPH = """([instance, key]) => {
  const el = document.getElementById(instance)?.querySelector(`[data-glyph="${key}"]`);
  if (!el) return null;
  if (el.classList.contains('plot-label')) return {left: el.style.left, top: el.style.top, opacity: el.style.opacity};
  const path = el.tagName.toLowerCase() === 'g' ? el.querySelector('path') : el;
  return {d: path.getAttribute('d'), opacity: el.getAttribute('opacity')};
}"""


BRING_NEAR = """async () => {
  for (const w of document.querySelectorAll('[data-widget]')) {
    if (w.offsetParent === null) continue;
    w.scrollIntoView();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
  }
  window.scrollTo(0, 0);
}"""
ALL_READY = """() => [...document.querySelectorAll('[data-widget]')]
  .filter((w) => w.offsetParent !== null).every((w) => w.dataset.ready === 'true')"""


def bring_widgets_near(page, timeout: float = 20000) -> None:
    """Scroll past every visible widget (they load only near the viewport), then wait until all are ready."""
    page.evaluate(BRING_NEAR)
    page.wait_for_function(ALL_READY, timeout=timeout)


def drawn(page, instance: str, figure: str, index: int) -> dict | None:
    """What a glyph's element shows now: its SVG path (or a label's place) and opacity."""
    return page.evaluate(READ_GLYPH, [instance, f"{figure}:{index}"])


def path_points(d: str) -> list[tuple[float, float]]:
    """The (x, y) unit pairs of an SVG path written by glyph_shape (M, L and h0 commands, Z)."""
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?\d+) (-?\d+)", d)]


READ_DATA = """([instance, key]) => {
  const view = MDR.views.find((v) => v.config.id === instance), data = view && view.drawn[key];
  if (!data) return null;
  const out = {};
  for (const k of Object.keys(data)) out[k] = Array.from(data[k], (v) => (typeof v === 'object' && v !== null) ? Array.from(v) : v);
  return out;
}"""


def plotted(page, instance: str, figure: str, index: int):
    """The data the page drew a glyph from just now (page_vs_model checks the drawn path itself)."""
    return page.evaluate(READ_DATA, [instance, f"{figure}:{index}"])


def page_vs_model(page, widget, instance: str, values: dict) -> float:
    """Worst disagreement between what the page draws and the Python model at these values,
    as a fraction of the axis span (the frame is UNITS wide and high)."""
    merged = {**values, **widget.run(values)}
    worst = 0.0
    for fig in widget.figures:
        for i, glyph in enumerate(fig.glyphs):
            if glyph.kind in ("patch", "text"):
                continue
            shown = drawn(page, instance, fig.name, i)
            assert shown is not None, f"{instance}/{fig.name}:{i} not found"
            got, want = path_points(shown["d"]), path_points(glyph_shape(glyph, fig, glyph_data(glyph, fig, merged))["d"])
            if len(got) != len(want):
                return 1.0
            if got:
                worst = max(worst, float(np.max(np.abs(np.asarray(got) - np.asarray(want)))) / UNITS)
    return worst


def snapshot(page, widget, instance: str) -> str:
    """Everything the plots show, as one string, to detect any change."""
    return repr([drawn(page, instance, f.name, i) for f in widget.figures for i in range(len(f.glyphs))])


def shown_keys(widget) -> set[str]:
    """The texts a widget shows: each readout, each slider's value (choices have no output) and the sentence."""
    return ({r.key for r in widget.readouts} | {f"param:{p.name}" for p in widget.params if not p.options}
            | {"__sentence__"})


ARM_UPDATED = """(id) => {
  const root = document.getElementById(id);
  window.__mdrUpdated = Object.assign(window.__mdrUpdated || {}, {[id]: false});
  root.addEventListener('mdr:updated', () => { window.__mdrUpdated[id] = true; }, {once: true});
}"""


def after_update(page, instance: str, action, timeout: float = 10000) -> None:
    """Do something to a widget (a key press, a click) and return once it has shown the new state (mdr:updated)."""
    page.evaluate(ARM_UPDATED, instance)
    action()
    page.wait_for_function("(id) => window.__mdrUpdated[id] === true", arg=instance, timeout=timeout)


def step_key(slider) -> str:
    """The arrow key that moves a range input (down from its maximum, else up), so it always changes."""
    return "ArrowLeft" if float(slider.input_value()) >= float(slider.get_attribute("max")) else "ArrowRight"


def next_frames(page, count: int = 2) -> None:
    """Return once the page has rendered count more frames, so observers and layout have reported."""
    page.evaluate("(n) => new Promise((done) => { const step = (k) => k ? requestAnimationFrame(() => step(k - 1)) : done(); step(n); })",
                  count)
