"""Drug accumulation in one cell with and without extra MDR1 pumps."""
from .spec import WIDGET

__all__ = ["WIDGET"]
