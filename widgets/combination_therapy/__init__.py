"""Two or three drugs against one tumour: given one after the other or together."""
from .spec import WIDGET

__all__ = ["WIDGET"]
