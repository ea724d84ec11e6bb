"""A small lesson as a Panel app: two widgets, the second following the first's inhibitor through pn.bind.

`panel serve examples/lesson.py`: moving the inhibitor in "drug accumulation" sets the same
inhibitor in "dose-response", so one choice shows both the drug kept inside and the dose needed.
"""
import panel as pn

from mdr_explainer.widgets import panel_widget

pn.extension()

accumulation = panel_widget("drug_accumulation", preset="mdr1_high")
dose = panel_widget("dose_response", preset="resistant_line")


def follow_inhibitor(inhibitor: float) -> None:
    """The dose-response widget takes the inhibitor dose chosen in the accumulation widget."""
    dose.inhibitor = inhibitor


pn.bind(follow_inhibitor, accumulation.param.inhibitor, watch=True)


def intro(widget) -> pn.pane.Markdown:
    """One line on what a widget shows, from its strings file (the widget carries its own title)."""
    return pn.pane.Markdown(widget.words.summary)


pn.Column(intro(accumulation), accumulation, intro(dose), dose, sizing_mode="stretch_width",
          max_width=1100).servable(title=f"{accumulation.words.title} · {dose.words.title}")
