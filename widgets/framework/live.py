"""The live view: Panel components whose callbacks run the model in Python on every change."""
from __future__ import annotations

import panel as pn
import param
from panel.custom import JSComponent

from .plotting import build_layout, update_sources
from .spec import Widget
from .texts import display_texts


class NativeControls(JSComponent):
    """Labelled native range inputs and radio groups, synced to Python as one dict of values.

    Native inputs give every slider an accessible name and keyboard steps for free; the
    markup is the same Jinja partial the static site uses.
    """

    html = param.String(doc="Rendered controls, readouts and description (the site's partial).")
    values = param.Dict(default={}, doc="Current parameter values, written by the browser.")
    texts = param.Dict(default={}, doc="Formatted readouts and the sentence, written by Python.")
    presets = param.Dict(default={}, doc="Preset name -> parameter values.")

    _esm = """
    export function render({ model, el }) {
      const box = document.createElement("div");
      box.innerHTML = model.html;
      const inputs = () => box.querySelectorAll("[data-param]");
      const read = () => {
        const values = Object.assign({}, model.values);
        inputs().forEach((input) => {
          const name = input.getAttribute("data-param");
          if (input.type === "radio") { if (input.checked) { values[name] = Number(input.value); } }
          else { values[name] = Number(input.value); }
        });
        return values;
      };
      const write = () => {
        inputs().forEach((input) => {
          const v = model.values[input.getAttribute("data-param")];
          if (input.type === "radio") { input.checked = Number(input.value) === v; }
          else if (Number(input.value) !== v) { input.value = String(v); }
        });
      };
      const show = () => {
        const texts = model.texts;
        Object.keys(texts).forEach((key) => {
          if (key.startsWith("param:")) {
            const out = box.querySelector('[data-output="' + key.slice(6) + '"]');
            if (out) { out.textContent = texts[key]; }
            const input = box.querySelector('input[type=range][data-param="' + key.slice(6) + '"]');
            if (input) { input.setAttribute("aria-valuetext", texts[key]); }
          } else if (key === "__sentence__") {
            const desc = box.querySelector(".widget-describe");
            if (desc && desc.textContent !== texts[key]) { desc.textContent = texts[key]; }
          } else {
            const el2 = box.querySelector('[data-readout="' + key + '"]');
            if (el2) { el2.textContent = texts[key]; }
          }
        });
      };
      const form = box.querySelector("form");
      form.addEventListener("submit", (event) => event.preventDefault());
      form.addEventListener("input", () => { model.values = read(); });
      form.addEventListener("change", () => { model.values = read(); });
      form.addEventListener("click", (event) => {
        const button = event.target.closest("[data-preset]");
        if (button) { model.values = Object.assign({}, model.values, model.presets[button.getAttribute("data-preset")]); }
      });
      model.on("values", write);
      model.on("texts", show);
      write();
      return box;
    }
    """


def checked_values(widget: Widget, raw: dict, fallback: dict) -> dict:
    """Browser-sent values coerced into range; anything unusable keeps its previous value."""
    values = dict(fallback)
    for p in widget.params:
        try:
            values[p.name] = p.snap(float(raw[p.name]))
        except (KeyError, TypeError, ValueError):
            pass
    return values


def live_view(widget: Widget, values: dict, controls_html: str, instance: str, stylesheets: list[str],
              outputs: dict | None = None):
    """A Panel layout: the Bokeh figures and the native controls, wired to the Python model."""
    outputs = widget.run(values) if outputs is None else outputs
    plot = build_layout(widget, {**values, **outputs}, instance)
    controls = NativeControls(html=controls_html, values=dict(values), texts=display_texts(widget, values, outputs),
                              presets={p.name: widget.values_for(p.name) for p in widget.presets},
                              stylesheets=stylesheets, sizing_mode="stretch_width")
    state = {"values": dict(values)}

    def on_values(event):
        if event.new == state["values"]:
            return
        new = checked_values(widget, event.new or {}, state["values"])
        state["values"] = new
        if new != event.new:
            controls.values = new
        result = widget.run(new)
        update_sources(plot, widget, {**new, **result}, instance)
        controls.texts = display_texts(widget, new, result)

    controls.param.watch(on_values, "values")
    pane = pn.pane.Bokeh(plot, sizing_mode="stretch_width")
    return pn.Column(pane, controls, sizing_mode="stretch_width", css_classes=["live-widget"])
