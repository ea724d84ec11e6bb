/* The Panel component's browser side: the site's widget markup, written once, then updated from the
   Python model's texts and plot frames (widgets/panel_view/markup.py view_state). A reader's move
   sends the controls' values to Python; nothing is computed here. */
function readControls(root, values) {
  const next = Object.assign({}, values);
  root.querySelectorAll("[data-param]").forEach((input) => {
    if (input.type !== "radio" || input.checked) { next[input.dataset.param] = Number(input.value); }
  });
  return next;
}

function writeControls(root, values) {
  root.querySelectorAll("[data-param]").forEach((input) => {
    const v = values[input.dataset.param];
    if (v === undefined) { return; }
    if (input.type === "radio") { input.checked = Number(input.value) === v; }
    else if (Number(input.value) !== v) { input.value = String(v); }
  });
}

function showState(root, state) {
  Object.entries(state.frames).forEach(([target, html]) => {
    const canvas = root.querySelector("#" + CSS.escape(target));
    if (canvas) { canvas.innerHTML = html; }
  });
  root.querySelectorAll("[data-readout]").forEach((el) => {
    el.textContent = state.readouts[el.dataset.readout];
    el.closest("div").hidden = !state.shown[el.dataset.readout];
  });
  root.querySelectorAll("[data-output]").forEach((el) => { el.textContent = state.outputs[el.dataset.output]; });
  root.querySelectorAll("input[type=range][data-param]").forEach((input) => {
    input.setAttribute("aria-valuetext", state.valuetext[input.dataset.param]);
  });
  const desc = root.querySelector(".widget-describe");
  if (desc.textContent !== state.sentence) { desc.textContent = state.sentence; }
}

export function render({ model, el }) {
  const wrap = document.createElement("div");
  wrap.className = "mdr-panel";
  wrap.innerHTML = model.html;
  const figure = wrap.querySelector("[data-widget]"), form = wrap.querySelector(".widget-controls");
  let movedAt = null, revision = 0;

  function send(values) { movedAt = performance.now(); model.values = values; }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (!event.target.hasAttribute("data-presets")) { send(readControls(wrap, model.values)); }
  });
  form.addEventListener("change", (event) => {
    if (!event.target.hasAttribute("data-presets")) { return; }
    const preset = model.presets[event.target.value];
    if (preset) { writeControls(wrap, preset); send(Object.assign({}, model.values, preset)); }
  });

  function update() {
    showState(wrap, model.state);
    revision += 1;
    figure.dataset.revision = String(revision);
    figure.dataset.source = "python";
    if (movedAt !== null) { figure.dataset.updateMs = (performance.now() - movedAt).toFixed(1); movedAt = null; }
    figure.dispatchEvent(new CustomEvent("mdr:updated", { bubbles: true, composed: true }));
  }
  function theme() { wrap.dataset.theme = model.theme; }
  model.on("state", update);
  model.on("values", () => writeControls(wrap, model.values));
  model.on("theme", theme);
  theme();
  writeControls(wrap, model.values);
  update();
  figure.dataset.ready = "true";
  return wrap;
}
