"""Interactive widgets: pure NumPy models with declared parameters, and their views.

`from mdr_explainer.widgets import panel_widget` loads the Panel component on first use, so
importing this package (as the static build does) does not import Panel.
"""


def __getattr__(name: str):
    """panel_widget, imported lazily from widgets/notebook.py (which looks the widget and its words up)."""
    if name == "panel_widget":
        from .notebook import panel_widget

        return panel_widget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
