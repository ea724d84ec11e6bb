"""The one registry of widgets: name -> declaration."""
from widgets.dose_response import WIDGET as dose_response
from widgets.drug_accumulation import WIDGET as drug_accumulation
from widgets.pump_cycle import WIDGET as pump_cycle

REGISTRY = {w.name: w for w in (drug_accumulation, pump_cycle, dose_response)}
