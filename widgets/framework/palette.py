"""Okabe-Ito colours: distinguishable with the common kinds of colour blindness."""
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#666666"

# Black and grey lines and words take the theme's ink (CSS variables set on .widget in style.css);
# the data colours above read well on both themes and stay.
THEMED = {BLACK.lower(): "var(--plot-ink)", "#222222": "var(--plot-ink)", GREY.lower(): "var(--plot-muted)"}


def ink(color: str) -> str:
    """A colour for lines, dots and words: black and grey follow the theme, data colours stay."""
    return THEMED.get(color.lower(), color)
