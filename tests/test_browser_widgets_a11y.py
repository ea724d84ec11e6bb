"""Plots everyone can read, in Chromium with the network cut: data tables that follow the sliders,
keyboard exploration that announces the plotted values, sound that starts, and no text clipped at 360 px."""
from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from mdr_explainer.lessons.content import load_content
from mdr_explainer.widgets.framework.plot_geometry import glyph_shape
from mdr_explainer.widgets.framework.spec import Glyph
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY
from browser_helpers import after_update, bring_widgets_near, plotted, step_key
from conftest import REPO

pytestmark = pytest.mark.browser
WIDGETS = sorted(REGISTRY)
TOOLS_ATTACHED = "() => window.MDR.views.every(v => v.plotTools)"  # mdr-explore.js has added tables, explorers, sound
READY = "() => [...document.querySelectorAll('[data-widget]')].filter(w => w.offsetParent !== null).every(w => w.dataset.ready === 'true')"

TABLE = """(fig) => {
  const box = document.querySelector(`.plot-tools[data-figure="${fig}"] .plot-table-body table`);
  return { head: [...box.querySelectorAll('thead th')].map(c => c.textContent),
           rows: [...box.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.textContent)) };
}"""
FORMAT = "([values, log]) => values.map(v => MDR.formatValue(v, log && Math.abs(v) >= 1e4 ? 'sci' : ''))"

# Every text box around a plot must fit its figure without overflowing; the legend must not
# overlap the plot canvas; text drawn inside the canvas (annotations) must sit inside the frame.
MEASURE = """() => {
  const problems = [];
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
  for (const fig of document.querySelectorAll('.plot-figure')) {
    const box = fig.getBoundingClientRect(), canvas = fig.querySelector('.plot-canvas').getBoundingClientRect();
    for (const el of fig.querySelectorAll('.plot-title, .plot-y-label, .plot-x-label, .plot-legend li, .plot-explore, .plot-sound, .plot-table summary')) {
      const r = el.getBoundingClientRect();
      if (!inside(r, box) || el.scrollWidth > el.clientWidth + 1) { problems.push(`${fig.id || el.className}: "${el.textContent.slice(0, 40)}" is cut`); }
    }
    const legend = fig.querySelector('.plot-legend');
    if (legend) {
      const r = legend.getBoundingClientRect();
      if (r.top < canvas.bottom - 0.5 && r.bottom > canvas.top + 0.5) { problems.push(`legend overlaps the plot: ${legend.textContent.slice(0, 40)}`); }
    }
    if (fig.scrollWidth > fig.clientWidth + 1) { problems.push(`figure wider than its box: ${fig.textContent.slice(0, 40)}`); }
  }
  for (const label of document.querySelectorAll('.plot-label')) {
    if (label.offsetParent === null || Number(label.style.opacity) === 0) { continue; }
    const frame = label.closest('.plot-frame').getBoundingClientRect(), r = label.getBoundingClientRect();
    if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5) { problems.push(`annotation "${label.textContent}" is cut`); }
  }
  for (const tick of document.querySelectorAll('.plot-tick')) {
    if (tick.offsetParent === null) { continue; }
    const box = tick.closest('.plot-canvas').getBoundingClientRect(), r = tick.getBoundingClientRect();
    if (!inside(r, box)) { problems.push(`tick label "${tick.textContent}" is outside its plot`); }
  }
  return problems;
}"""


def open_ready(watched, url, width=1200):
    """Open a page at a width and wait until every widget on it is ready."""
    watched.page.set_viewport_size({"width": width, "height": 900})
    watched.page.goto(url)
    bring_widgets_near(watched.page, timeout=30000)
    watched.page.wait_for_function(READY, timeout=30000)
    watched.page.wait_for_function(TOOLS_ATTACHED, timeout=30000)


def number(text: str) -> float:
    """A number as the page formats it (plain or grouped decimals) back to a float."""
    return float(text.replace(",", "").replace("%", ""))


def embed(built_site, name):
    """The file:// address of a widget's page alone."""
    out, _ = built_site
    return (out / "embed" / name / "index.html").as_uri()


def table_matches_plot(page, widget, instance):
    """Each line table: headers are the figure's words; every row equals the plotted data at that point."""
    fig = widget.figures[0]
    words = widget_text(widget.name)
    table = page.evaluate(TABLE, fig.name)
    lines = [(i, g) for i, g in enumerate(fig.glyphs) if g.kind == "line" and words.legend(fig.name, g.text_key)]
    assert table["head"] == [words.figure(fig.name, "x_label")] + [words.legend(fig.name, g.text_key) for _, g in lines]
    first = plotted(page, instance, fig.name, lines[0][0])
    count = len(first["x"])
    assert 2 <= len(table["rows"]) <= 25
    picks = [round(k * (count - 1) / (len(table["rows"]) - 1)) for k in range(len(table["rows"]))]
    log = fig.x_scale == "log"
    assert [r[0] for r in table["rows"]] == page.evaluate(FORMAT, [[first["x"][i] for i in picks], log])
    for column, (index, _) in enumerate(lines, start=1):
        ys = plotted(page, instance, fig.name, index)["y"]
        assert [r[column] for r in table["rows"]] == page.evaluate(FORMAT, [[ys[i] for i in picks], fig.y_scale == "log"])
    return table


def test_data_table_equals_the_plot_and_the_model_and_follows_a_slider(built_site, watched_page):
    page, widget = watched_page.page, REGISTRY["drug_accumulation"]
    open_ready(watched_page, embed(built_site, "drug_accumulation"))
    details = page.locator(".plot-tools[data-figure='time'] details.plot-table")
    assert details.locator("summary").text_content().endswith(widget_text(widget.name).figure("time", "title"))
    before = table_matches_plot(page, widget, "drug_accumulation")
    # The static grid agrees with the Python model: the last row's values within 2% of the axis.
    fig = widget.figures[0]
    exact = widget.run(widget.defaults())
    span = fig.y_range[1] - fig.y_range[0]
    lines = [g for g in fig.glyphs if g.kind == "line"]
    for column, glyph in enumerate(lines, start=1):
        assert abs(number(before["rows"][-1][column]) - float(exact[glyph.y][-1])) < 0.02 * span
    slider = page.locator(".widget-controls input[type=range]").first
    slider.focus()
    for _ in range(3):
        after_update(page, "drug_accumulation", lambda: page.keyboard.press(step_key(slider)))
    after = table_matches_plot(page, widget, "drug_accumulation")
    assert after["rows"] != before["rows"]
    assert watched_page.errors == [] and watched_page.outside == []


@pytest.mark.parametrize("name", [n for n in WIDGETS if REGISTRY[n].figures[0].axes])
def test_every_plot_with_axes_has_a_table_an_explorer_and_a_sound_button(built_site, watched_page, name):
    page, widget = watched_page.page, REGISTRY[name]
    open_ready(watched_page, embed(built_site, name))
    for fig in widget.figures:
        tools = page.locator(f".plot-tools[data-figure='{fig.name}']")
        assert tools.count() == (1 if fig.axes else 0)
        if fig.axes:
            assert tools.locator("table").count() >= 1
            assert tools.locator(".plot-explore[tabindex='0'][role='application']").count() == 1
    assert watched_page.errors == [] and watched_page.outside == []


def test_keyboard_exploration_announces_the_plotted_values(built_site, watched_page):
    page, widget = watched_page.page, REGISTRY["drug_accumulation"]
    open_ready(watched_page, embed(built_site, "drug_accumulation") + "?predict=0")  # explore at once, no question first
    fig, words = widget.figures[0], widget_text(widget.name)
    lines = [(i, g) for i, g in enumerate(fig.glyphs) if g.kind == "line" and words.legend(fig.name, g.text_key)]
    explore = page.locator(".plot-tools[data-figure='time'] .plot-explore")
    now = explore.locator(".plot-explore-now")
    assert now.get_attribute("aria-live") == "polite"
    explore.focus()
    page.keyboard.press("End")
    data = plotted(page, "drug_accumulation", fig.name, lines[0][0])
    x, y = page.evaluate(FORMAT, [[data["x"][-1], data["y"][-1]], False])
    count = len(data["x"])
    expected = (f"{words.legend(fig.name, lines[0][1].text_key)}, point {count} of {count}: "
                f"{words.figure(fig.name, 'x_label')} {x}; {words.figure(fig.name, 'y_label')} {y}")
    assert now.text_content() == expected
    ring = page.locator(".plot-figure:has(.plot-tools[data-figure='time']) .plot-focus-dot")
    point = {"x": np.array([data["x"][-1]]), "y": np.array([data["y"][-1]]), "alpha": np.array([1.0])}
    assert ring.get_attribute("d") == glyph_shape(Glyph(kind="points"), fig, point)["d"], "the point read is ringed"
    page.keyboard.press("ArrowLeft")
    assert f"point {count - 1} of {count}" in now.text_content()
    page.keyboard.press("ArrowDown")
    second = plotted(page, "drug_accumulation", fig.name, lines[1][0])
    y2 = page.evaluate(FORMAT, [[second["y"][count - 2]], False])[0]
    assert now.text_content().startswith(words.legend(fig.name, lines[1][1].text_key) + ",")
    assert now.text_content().endswith(f" {y2}")
    page.keyboard.press("Home")
    assert "point 1 of" in now.text_content()
    # The announcement follows the sliders while the reader explores (on the last curve, the cell's).
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    held = now.text_content()
    after_update(page, "drug_accumulation", lambda: page.evaluate(
        "() => { const v = MDR.views[0], p = v.model.params[0]; v.setValues({[p.name]: v.values[p.name] === p.max ? p.min : p.max}); }"))
    moved = plotted(page, "drug_accumulation", fig.name, lines[2][0])
    y_moved = page.evaluate(FORMAT, [[moved["y"][-1]], False])[0]
    assert now.text_content().endswith(f" {y_moved}") and now.text_content() != held
    page.locator(".widget-controls input[type=range]").first.focus()
    assert ring.get_attribute("d") == "", "the ring goes when the reader leaves the plot"
    assert watched_page.errors == [] and watched_page.outside == []


def test_play_as_sound_is_keyboard_operable_and_starts_web_audio(built_site, watched_page):
    page = watched_page.page
    open_ready(watched_page, embed(built_site, "dose_response") + "?predict=0")  # explore at once, no question first
    button = page.locator(".plot-sound").first
    assert button.get_attribute("aria-pressed") == "false"
    assert "Play as sound" in button.get_attribute("aria-label")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    state = page.evaluate("() => MDRExplore.audio.context && MDRExplore.audio.context.state")
    assert state == "running"
    assert page.locator("[data-sound='playing']").count() == 1
    page.keyboard.press("Space")  # the same button stops it
    expect(button).to_have_attribute("aria-pressed", "false")
    # Space on the explorer plays the curve it is on.
    page.locator(".plot-explore").first.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert watched_page.errors == [] and watched_page.outside == []


def widget_pages(built_site):
    """Every embed page and every lesson page that shows a widget."""
    out, _ = built_site
    lessons = load_content(REPO / "content").lessons
    pages = [out / "embed" / n / "index.html" for n in WIDGETS]
    return pages + [out / lesson.slug / "index.html" for lesson in lessons if lesson.widget_names()]


@pytest.mark.parametrize("width", [360, 1280])
def test_no_title_label_legend_or_annotation_is_cut(built_site, watched_page, width):
    problems = {}
    for path in widget_pages(built_site):
        open_ready(watched_page, path.as_uri() + "?reader=student", width)
        found = watched_page.page.evaluate(MEASURE)
        if found:
            problems[str(path.relative_to(built_site[0]))] = found
    assert problems == {}
    assert watched_page.errors == [] and watched_page.outside == []


def test_the_plot_is_the_largest_thing_in_a_wide_widget(built_site, watched_page):
    page = watched_page.page
    open_ready(watched_page, embed(built_site, "tumor_evolution"), 1280)
    plot = page.locator(".widget-plot").bounding_box()
    side = page.locator(".widget-side").bounding_box()
    assert plot["width"] > 2 * side["width"]
