"""Where things sit in the pump diagram, in diagram units (pure NumPy, no drawing code).

The diagram is a cross-section of the cell membrane: the outside of the cell is up (y > 0,
above the bilayer), the cytoplasm is down. Each pump half is a transmembrane domain joined
to a cytoplasmic nucleotide-binding domain (NBD) (ref keys chen1986, croop1993). Shapes and distances are drawn for legibility, not to scale
(teaching choice).
"""
from __future__ import annotations

import numpy as np

# Extent of the drawing, diagram units (teaching choice: room for labels around the pump).
X_RANGE = (-10.0, 10.0)
Y_RANGE = (-7.5, 8.0)
# Lipid bilayer: outer leaflet from the midplane up, inner leaflet from the midplane down.
MEMBRANE_HALF_THICKNESS = 2.0  # diagram units (teaching choice: room for the drug in each leaflet)
MIDPLANE_Y = 0.0

# Left half of the pump as one outline: the transmembrane domain (TMD, first four corners,
# spanning the bilayer) joined to its nucleotide-binding domain (NBD, hanging in the cytoplasm).
# Corners run: TMD top-inner, TMD top-outer, TMD bottom-outer, NBD top-outer, NBD bottom-outer,
# NBD bottom-inner, NBD top-inner, TMD bottom-inner. The right half is the mirror image.
# Inward-facing: TMDs meet at the top (closed to the outside) and splay at the bottom (pocket
# open to the cytoplasm and the inner leaflet); NBDs apart. Source: ref keys hdx2019, aller2009.
LEFT_HALF_INWARD = np.array([
    (-0.12, 2.6), (-2.2, 2.6), (-3.3, -2.6), (-3.6, -3.6),
    (-3.6, -5.2), (-1.3, -5.2), (-1.3, -3.6), (-1.5, -2.6),
])
# Outward-facing: TMDs splay at the top (pocket open to the outside), meet at the bottom;
# NBDs clamped together around the two ATP. Source: ref key hdx2019.
LEFT_HALF_OUTWARD = np.array([
    (-1.5, 2.6), (-3.3, 2.6), (-2.2, -2.6), (-2.4, -3.6),
    (-2.4, -5.2), (-0.08, -5.2), (-0.08, -3.6), (-0.12, -2.6),
])
# Occluded: NBDs clamped around the two ATP as in the outward shape, but the TMDs meet at both
# the top and the bottom, so the pocket is sealed from both sides. Source: ref key hdx2019.
LEFT_HALF_OCCLUDED = np.array([
    (-0.12, 2.6), (-2.7, 2.6), (-2.7, -2.6), (-2.4, -3.6),
    (-2.4, -5.2), (-0.08, -5.2), (-0.08, -3.6), (-0.12, -2.6),
])
# Which corners of a half belong to its NBD (the rest belong to the TMD).
NBD_CORNERS = slice(3, 7)
HALF_SHAPES = {"inward": LEFT_HALF_INWARD, "occluded": LEFT_HALF_OCCLUDED, "outward": LEFT_HALF_OUTWARD}

# Drug molecule position for each place it can be (diagram units).
DRUG_AT = {
    "inner_leaflet": (-4.6, -1.0),   # in the inner leaflet by the pump (ref key sharom1997)
    "pocket_inward": (0.0, -0.8),    # in the binding pocket, pocket open to the inside
    "pocket_occluded": (0.0, 0.0),   # in the binding pocket, sealed from both sides
    "pocket_outward": (0.0, 0.8),    # in the binding pocket, pocket open to the outside
    "outside": (0.0, 3.8),           # just released outside the cell
    "gone": (2.6, 5.6),              # drifting away outside
}
# Fading of the drug marker: full while the reader should follow it, faint once it has left.
DRUG_ALPHA = {"inner_leaflet": 1.0, "pocket": 1.0, "outside": 1.0, "gone": 0.35}

# The two ATP: one at each NBD when apart; sandwiched in the NBD interface when clamped.
ATP_AT = {
    "inward": np.array([(-1.75, -4.4), (1.75, -4.4)]),
    "occluded": np.array([(0.0, -3.95), (0.0, -4.85)]),
    "outward": np.array([(0.0, -3.95), (0.0, -4.85)]),
}
# Two inhibitor molecules: one in the central drug pocket, one in the access tunnel beside it
# (ref key nosol2020); drawn only while the inhibitor is on.
INHIBITOR_AT = np.array([(0.0, -0.6), (0.0, -1.8)])
# ADP and phosphate leaving the NBDs after hydrolysis (drawn below the NBDs).
ADP_AT = np.array([(-1.4, -6.1), (1.4, -6.1)])
PHOSPHATE_AT = np.array([(-0.45, -6.7), (0.45, -6.7)])

# Fixed labels drawn in the diagram: name -> (x, y). Their words live in the widget's strings
# file; the leaflets, molecules and stage are named in the legend and the sentence instead, so
# that they never crowd the drawing in a long translation.
LABELS = {
    "outside": (-7.0, 5.0),
    "inside": (-7.0, -5.6),
}


def mirror(points: np.ndarray) -> np.ndarray:
    """The same corners reflected through the pump's axis (x -> -x)."""
    return points * np.array([-1.0, 1.0])


def pump_halves(facing: str) -> tuple[np.ndarray, np.ndarray]:
    """Outlines (corners × 2) of the left and right pump halves for one conformation."""
    left = HALF_SHAPES[facing]
    return left, mirror(left)


def nbd_gap(left: np.ndarray, right: np.ndarray) -> float:
    """Distance between the facing edges of the two NBDs (diagram units)."""
    return float(np.min(right[NBD_CORNERS, 0]) - np.max(left[NBD_CORNERS, 0]))


def drug_position(place: str, facing: str) -> tuple[float, float]:
    """Where the drug marker sits for a place name and the pump's conformation."""
    key = f"pocket_{facing}" if place == "pocket" else place
    return DRUG_AT[key]


def membrane() -> dict[str, np.ndarray]:
    """The fixed lipid bilayer: x extent and the bounds of each leaflet."""
    x = np.array(X_RANGE)
    top, mid, bottom = MEMBRANE_HALF_THICKNESS, MIDPLANE_Y, -MEMBRANE_HALF_THICKNESS
    return {
        "membrane_x": x,
        "outer_leaflet_bottom": np.full(2, mid), "outer_leaflet_top": np.full(2, top),
        "inner_leaflet_bottom": np.full(2, bottom), "inner_leaflet_top": np.full(2, mid),
        "midplane_y": np.full(2, mid),
    }

