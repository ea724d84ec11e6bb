"""Sensitive and resistant tumour cells competing for space under continuous or adaptive dosing."""
from .spec import WIDGET

__all__ = ["WIDGET"]
