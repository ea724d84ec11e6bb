"""One widget as a Panel app: `panel serve examples/drug_accumulation.py`; open it with ?theme=dark for the dark theme."""
import panel as pn

from mdr_explainer.widgets import panel_widget

pn.extension()

widget = panel_widget("drug_accumulation")
widget.servable(title=widget.words.title)
