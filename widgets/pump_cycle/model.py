"""P-glycoprotein's transport cycle as a small named state machine (pure NumPy).

The pump alternates between facing the inside and facing the outside of the cell. Drug enters
its pocket from the inner membrane leaflet, two ATP bind, the NBDs clamp together and the pump
turns outward, the drug leaves, and splitting the ATP resets the pump (FACTS §2.2).
The reader steps through the cycle; with an inhibitor the pump stalls before turning outward.
"""
from __future__ import annotations

from dataclasses import dataclass


from . import geometry


@dataclass(frozen=True)
class PumpState:
    """One stage of the cycle: how the pump faces, where the drug is, what the NBDs hold."""

    name: str
    facing: str      # "inward" or "outward" (alternating access; FACTS §2.2, S23)
    drug: str        # "inner_leaflet", "pocket", "outside" or "gone"
    nucleotide: str  # "none", "atp" (two ATP bound) or "adp" (ATP just split; ADP + phosphate leave)
    caption: str     # key of the stage's caption in the widget's strings


# The cycle as shown, in order. Source: FACTS §2.2 (S22/S26 drug enters from the inner
# leaflet, ref key sharom1997; S23/S25 inward/outward conformations, ref keys hdx2019,
# aller2009; S29 ATP hydrolysis resets the pump, ref key sauna2001).
STATES = (
    PumpState("inward_open", "inward", "inner_leaflet", "none", "inward_open"),
    PumpState("drug_enters", "inward", "pocket", "none", "drug_enters"),
    PumpState("atp_binds", "inward", "pocket", "atp", "atp_binds"),
    PumpState("outward_facing", "outward", "pocket", "atp", "outward_facing"),
    PumpState("drug_released", "outward", "outside", "atp", "drug_released"),
    PumpState("atp_split_reset", "inward", "gone", "adp", "atp_split_reset"),
)
# With the inhibitor on, the pump holds drug and ATP but cannot turn outward-facing.
# Teaching choice: where in the cycle each inhibitor acts is not settled in the sources used;
# tariquidar is noncompetitive (FACTS §3.7, S70; ref key fox2007).
STALLED = PumpState("stalled", "inward", "pocket", "atp", "stalled")
STALL_BEFORE = 3  # index in STATES of the first stage an inhibited pump cannot reach
# ATP split each time the pump resets, molecules. FACTS §2.2/§3.2, S29 (ref key sauna2001):
# two hydrolysis events per full turnover, one linked to drug movement, one to resetting.
ATP_PER_RESET = 2
# Drug molecules moved each time the pump releases drug outside (one per turn; teaching choice).
DRUGS_PER_RELEASE = 1
STEPS_PER_CYCLE = len(STATES)


def path(step: int, inhibited: bool) -> list[PumpState]:
    """The stage the pump is in at each step from 0 to step."""
    if inhibited:
        return [STATES[s] if s < STALL_BEFORE else STALLED for s in range(step + 1)]
    return [STATES[s % STEPS_PER_CYCLE] for s in range(step + 1)]


def entered(stages: list[PumpState]) -> list[PumpState]:
    """The stages the pump moved into (a stage held over several steps counts once)."""
    return [b for a, b in zip(stages, stages[1:]) if b is not a]


def running_counts(stages: list[PumpState]) -> dict[str, float]:
    """ATP split and drug molecules moved so far, and their ratio (0 before any drug moved)."""
    moves = entered(stages)
    drugs = DRUGS_PER_RELEASE * sum(s.drug == "outside" for s in moves)
    atp = ATP_PER_RESET * sum(s.nucleotide == "adp" for s in moves)
    return {"atp_spent": float(atp), "drugs_moved": float(drugs),
            "atp_per_drug": atp / drugs if drugs else 0.0}


def stage_flags(current: PumpState) -> dict[str, float]:
    """1 for the stage on show and 0 for the others (fades each stage's title in or out)."""
    flags = {f"show_state_{i}": float(current is s) for i, s in enumerate(STATES)}
    flags["show_stalled"] = float(current is STALLED)
    return flags


def drawing(current: PumpState) -> dict:
    """Shapes and markers of the diagram for one stage."""
    left, right = geometry.pump_halves(current.facing)
    drug_x, drug_y = geometry.drug_position(current.drug, current.facing)
    atp = geometry.ATP_AT[current.facing]
    return {
        "left_x": left[:, 0], "left_y": left[:, 1], "right_x": right[:, 0], "right_y": right[:, 1],
        "nbd_gap": geometry.nbd_gap(left, right),
        "drug_x": drug_x, "drug_y": drug_y, "drug_alpha": geometry.DRUG_ALPHA[current.drug],
        "atp_x": atp[:, 0], "atp_y": atp[:, 1], "atp_alpha": float(current.nucleotide == "atp"),
        "adp_x": geometry.ADP_AT[:, 0], "adp_y": geometry.ADP_AT[:, 1],
        "phosphate_x": geometry.PHOSPHATE_AT[:, 0], "phosphate_y": geometry.PHOSPHATE_AT[:, 1],
        "adp_alpha": float(current.nucleotide == "adp"),
    }


def compute(step, inhibitor) -> dict:
    """Everything the views need at one step of the cycle, with or without the inhibitor."""
    step, inhibited = int(round(float(step))), float(inhibitor) >= 0.5
    stages = path(step, inhibited)
    current = stages[-1]
    shown = STATES[STALL_BEFORE - 1] if current is STALLED else current
    index = STATES.index(shown)
    return {
        "state": float(index),
        "stage": float(index + 1),
        "cycle": float(1 if inhibited else step // STEPS_PER_CYCLE + 1),
        "stalled": float(current is STALLED),
        "inhibitor_alpha": float(inhibited),
        **running_counts(stages),
        **stage_flags(current),
        **drawing(current),
        **geometry.membrane(),
        **geometry.label_positions(),
    }
