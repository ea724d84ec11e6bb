"""P-glycoprotein's transport cycle, stepped through by the reader."""
from .spec import WIDGET

__all__ = ["WIDGET"]
