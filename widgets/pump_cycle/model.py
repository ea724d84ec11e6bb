"""P-glycoprotein's transport cycle as a small named state machine (pure NumPy).

The pump alternates between facing the inside and facing the outside of the cell. Drug enters
its pocket from the inner membrane leaflet, two ATP bind, the NBDs close and the pocket is
sealed from both sides (the occluded state), the pump opens to the outside, the drug leaves,
and splitting the ATP resets the pump (ref keys sharom1997, hdx2019, aller2009, sauna2001).
The reader steps through the cycle. With an inhibitor, inhibitor molecules sit in the drug
pocket and the access tunnel next to it (ref key nosol2020), the drug cannot get in, and the
cycle does not start.
"""
from __future__ import annotations

from dataclasses import dataclass


from . import geometry


@dataclass(frozen=True)
class PumpState:
    """One stage of the cycle: how the pump faces, where the drug is, what the NBDs hold."""

    name: str
    facing: str      # "inward", "occluded" or "outward" (alternating access; ref keys hdx2019, aller2009)
    drug: str        # "inner_leaflet", "pocket", "outside" or "gone"
    nucleotide: str  # "none", "atp" (two ATP bound) or "adp" (ATP just split; ADP + phosphate leave)
    caption: str     # key of the stage's caption in the widget's strings


# The cycle as shown, in order. Sources (ref keys): drug enters from the inner leaflet,
# sharom1997; inward- and outward-facing shapes, aller2009 and hdx2019; with ATP bound and the
# NBDs closed the pump is occluded (sealed on both sides) before it opens outward, hdx2019
# (hydrogen-deuterium exchange: the pre-hydrolysis ATP-bound state is occluded; outward opening
# was seen in the ADP-vanadate state); ATP splitting resets the pump, sauna2001. When exactly ATP
# is split relative to the opening is debated; see NOTE.md.
STATES = (
    PumpState("inward_open", "inward", "inner_leaflet", "none", "inward_open"),
    PumpState("drug_enters", "inward", "pocket", "none", "drug_enters"),
    PumpState("atp_binds", "inward", "pocket", "atp", "atp_binds"),
    PumpState("occluded", "occluded", "pocket", "atp", "occluded"),
    PumpState("outward_facing", "outward", "pocket", "atp", "outward_facing"),
    PumpState("drug_released", "outward", "outside", "atp", "drug_released"),
    PumpState("atp_split_reset", "inward", "gone", "adp", "atp_split_reset"),
)
# With the inhibitor on, inhibitor molecules fill the drug pocket and the access tunnel, the
# drug waits in the membrane and the cycle never starts. Source: cryo-EM structures show
# tariquidar, zosuquidar and elacridar bound in pairs, one in the central drug-binding pocket
# and one in an adjacent access tunnel, interfering with the early steps of the cycle
# (ref key nosol2020). Whether ATP still binds to a blocked pump is not shown (teaching choice).
STALLED = PumpState("stalled", "inward", "inner_leaflet", "none", "stalled")
STALL_BEFORE = 0  # index in STATES of the first stage an inhibited pump cannot reach
# ATP split each time the pump resets, molecules (ref key sauna2001): two hydrolysis events
# per full turnover, one linked to drug movement, one to resetting.
ATP_PER_RESET = 2
# Drug molecules moved each time the pump releases drug outside (one per turn; teaching choice).
DRUGS_PER_RELEASE = 1
STEPS_PER_CYCLE = len(STATES)
# Pace of the cycle as the mechanism view shows it, stages per second. Teaching choice: one stage a
# second, slow enough to read each stage's words; the model does not claim a measured turnover
# rate (see NOTE.md). A stalled pump moves on at no rate at all.
STAGES_PER_SECOND = 1.0


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
    inhibitor = geometry.INHIBITOR_AT
    return {
        "left_x": left[:, 0], "left_y": left[:, 1], "right_x": right[:, 0], "right_y": right[:, 1],
        "nbd_gap": geometry.nbd_gap(left, right),
        "drug_x": drug_x, "drug_y": drug_y, "drug_alpha": geometry.DRUG_ALPHA[current.drug],
        "atp_x": atp[:, 0], "atp_y": atp[:, 1], "atp_alpha": float(current.nucleotide == "atp"),
        "adp_x": geometry.ADP_AT[:, 0], "adp_y": geometry.ADP_AT[:, 1],
        "phosphate_x": geometry.PHOSPHATE_AT[:, 0], "phosphate_y": geometry.PHOSPHATE_AT[:, 1],
        "adp_alpha": float(current.nucleotide == "adp"),
        "inhibitor_x": inhibitor[:, 0], "inhibitor_y": inhibitor[:, 1],
    }


def pace(stalled: bool) -> dict[str, float]:
    """How fast the cycle turns: stages and turns per second, drug out and ATP split per minute."""
    stages = 0.0 if stalled else STAGES_PER_SECOND
    turns = stages / STEPS_PER_CYCLE
    return {"stages_per_second": stages, "turns_per_minute": 60.0 * turns,
            "drugs_per_minute": 60.0 * turns * DRUGS_PER_RELEASE, "atp_per_minute": 60.0 * turns * ATP_PER_RESET}


def compute(step, inhibitor) -> dict:
    """Everything the views need at one step of the cycle, with or without the inhibitor."""
    step, inhibited = int(round(float(step))), float(inhibitor) >= 0.5
    stages = path(step, inhibited)
    current = stages[-1]
    index = STALL_BEFORE if current is STALLED else STATES.index(current)
    return {
        "state": float(index),
        "stage": float(index + 1),
        "cycle": float(1 if inhibited else step // STEPS_PER_CYCLE + 1),
        "stalled": float(current is STALLED),
        "inhibitor_alpha": float(inhibited),
        **running_counts(stages),
        **pace(current is STALLED),
        **stage_flags(current),
        **drawing(current),
        **geometry.membrane(),
    }
