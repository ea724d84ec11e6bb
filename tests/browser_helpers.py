"""Reading what a reader's browser shows: plotted data, descriptions and their agreement with Python."""
from __future__ import annotations

import numpy as np

from mdr_explainer.widgets.framework.plotting import glyph_data

READ_SOURCE = """(name) => {
  for (const doc of (window.Bokeh ? window.Bokeh.documents : [])) {
    for (const m of doc.all_models) {
      if (m.name === name && m.data) {
        const out = {};
        for (const k of Object.keys(m.data)) {
          out[k] = Array.from(m.data[k], (v) => (typeof v === "object" && v !== null) ? Array.from(v) : v);
        }
        return out;
      }
    }
  }
  return null;
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


def plotted(page, instance: str, figure: str, index: int):
    """The data a glyph currently draws, read from the page's Bokeh document."""
    return page.evaluate(READ_SOURCE, f"{instance}/{figure}:{index}")


def axis_error(values, expected, span, log: bool) -> float:
    """Largest difference as a fraction of the axis span (in decades on a log axis)."""
    a, b = np.asarray(values, float), np.asarray(expected, float)
    if log:
        a, b = np.log10(np.maximum(a, span[0])), np.log10(np.maximum(b, span[0]))
        return float(np.max(np.abs(a - b))) / (np.log10(span[1]) - np.log10(span[0]))
    return float(np.max(np.abs(a - b))) / (span[1] - span[0])


def page_vs_model(page, widget, instance: str, values: dict) -> float:
    """Worst disagreement between what the page plots and the Python model at these values."""
    outputs = widget.run(values)
    merged = {**values, **outputs}
    worst = 0.0
    for fig in widget.figures:
        for i, glyph in enumerate(fig.glyphs):
            if glyph.kind in ("patch", "text"):
                continue
            shown = plotted(page, instance, fig.name, i)
            assert shown is not None, f"{instance}/{fig.name}:{i} not found"
            want = glyph_data(glyph, fig, merged)
            worst = max(worst, axis_error(shown["x"], want["x"], fig.x_range, fig.x_scale == "log"))
            for key in ("y", "y2"):
                if key in want:
                    worst = max(worst, axis_error(shown[key], want[key], fig.y_range, fig.y_scale == "log"))
    return worst


def snapshot(page, widget, instance: str) -> str:
    """Everything a glyph draws, as one string, to detect any change."""
    return repr([plotted(page, instance, f.name, i) for f in widget.figures for i in range(len(f.glyphs))])
