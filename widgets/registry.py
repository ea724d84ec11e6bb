"""The one registry of widgets: name -> declaration."""
from widgets.drug_accumulation import WIDGET as drug_accumulation

REGISTRY = {w.name: w for w in (drug_accumulation,)}
