"""Each widget as a Panel component (imports Panel; the static build never imports this package).

By widget name, in English: mdr_explainer.widgets.panel_widget (widgets/notebook.py).
"""
from .viewer import WidgetViewer, widget_view

__all__ = ["WidgetViewer", "widget_view"]
