"""Interactive widgets: pure NumPy models with declared parameters, and their views."""
