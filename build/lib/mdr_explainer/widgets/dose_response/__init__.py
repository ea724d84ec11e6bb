"""Fraction of cells surviving a drug dose, for a normal and an MDR1-high cell."""
from .spec import WIDGET

__all__ = ["WIDGET"]
