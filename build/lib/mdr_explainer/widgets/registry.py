"""The one registry of widgets: name -> declaration."""
from mdr_explainer.widgets.combination_therapy import WIDGET as combination_therapy
from mdr_explainer.widgets.dose_response import WIDGET as dose_response
from mdr_explainer.widgets.drug_accumulation import WIDGET as drug_accumulation
from mdr_explainer.widgets.inhibitor_tradeoff import WIDGET as inhibitor_tradeoff
from mdr_explainer.widgets.pump_cycle import WIDGET as pump_cycle
from mdr_explainer.widgets.tumor_evolution import WIDGET as tumor_evolution

REGISTRY = {w.name: w for w in (drug_accumulation, pump_cycle, dose_response, tumor_evolution, inhibitor_tradeoff,
                                  combination_therapy)}
