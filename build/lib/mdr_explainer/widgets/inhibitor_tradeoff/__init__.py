"""What an MDR1 inhibitor dose buys (drug in tumour cells) and costs (exposure, T cells)."""
from .spec import WIDGET

__all__ = ["WIDGET"]
