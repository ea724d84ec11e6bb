"""Each widget as a Panel component (imports Panel; the static build never imports this package)."""
from .viewer import WidgetViewer, panel_widget

__all__ = ["WidgetViewer", "panel_widget"]
