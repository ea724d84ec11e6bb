"""The one registry of widgets: name -> declaration."""
from widgets.dose_response import WIDGET as dose_response
from widgets.drug_accumulation import WIDGET as drug_accumulation
from widgets.inhibitor_tradeoff import WIDGET as inhibitor_tradeoff
from widgets.pump_cycle import WIDGET as pump_cycle
from widgets.tumor_evolution import WIDGET as tumor_evolution

REGISTRY = {w.name: w for w in (drug_accumulation, pump_cycle, dose_response, tumor_evolution, inhibitor_tradeoff)}
