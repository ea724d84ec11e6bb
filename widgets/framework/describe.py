"""Turn outputs into the sentence a screen reader hears; the browser runtime mirrors these rules.

Template syntax: {key} or {key:fmt} inserts a value (fmt: .Nf, d, pct, sci, or empty for
three significant figures); {?key OP number|text if true|text if false} chooses words
(OP is one of < <= > >=, and the right side may also be a key). Innermost placeholders are
filled first, so a chosen text may itself hold {key} placeholders.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
CONDITION = re.compile(r"^\?\s*([A-Za-z_]\w*)\s*(<=|>=|<|>)\s*([A-Za-z_]\w*|-?[\d.]+(?:e-?\d+)?)\s*$")
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fixed(value: float, decimals: int) -> str:
    """Like JavaScript's toFixed: ties on the exact binary value round away from zero."""
    text = str(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return "0" + text[2:] if text.startswith("-0") and set(text[1:]) <= {"0", "."} else text


def format_value(value: float, fmt: str = "") -> str:
    """Format a number the same way the browser runtime does."""
    if fmt == "pct":
        return fixed(value * 100, 0) + "%"
    if fmt == "d":
        return fixed(value, 0)
    if fmt.startswith(".") and fmt.endswith("f"):
        return fixed(value, int(fmt[1:-1]))
    if fmt == "sci":
        if value == 0:
            return "0"
        exponent = math.floor(math.log10(abs(value)))
        mantissa = value / 10**exponent
        if fixed(abs(mantissa), 1) == "10.0":
            exponent, mantissa = exponent + 1, mantissa / 10
        head = "" if fixed(mantissa, 1) == "1.0" else f"{fixed(mantissa, 1)} × "
        return f"{head}10{str(exponent).translate(SUPERSCRIPT)}"
    return auto_format(value)


def auto_format(value: float) -> str:
    """Three significant figures, no exponent, trailing zeros removed."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    decimals = min(4, max(0, 2 - math.floor(math.log10(abs(value)))))
    text = fixed(value, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def template_keys(template: str) -> list[str]:
    """Every output key a template reads, including conditions around nested placeholders."""
    keys: list[str] = []

    def note(match: re.Match) -> str:
        head = match.group(1).split("|")[0]
        cond = CONDITION.match(head)
        if cond:
            keys.append(cond.group(1))
            if re.match(r"[A-Za-z_]", cond.group(3)):
                keys.append(cond.group(3))
        else:
            keys.append(head.split(":")[0].strip())
        return "x"

    text, previous = template, None
    while text != previous:
        previous, text = text, PLACEHOLDER.sub(note, text)
    return list(dict.fromkeys(keys))


def _compare(left: float, op: str, right: float) -> bool:
    """Apply a comparison operator written in a template."""
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def render(template: str, values: dict) -> str:
    """Fill a description template from outputs and parameter values."""

    def fill(match: re.Match) -> str:
        parts = match.group(1).split("|")
        cond = CONDITION.match(parts[0])
        if cond:
            key, op, rhs = cond.groups()
            right = values[rhs] if rhs in values else float(rhs)
            return parts[1] if _compare(values[key], op, right) else parts[2]
        key, _, fmt = parts[0].partition(":")
        return format_value(float(values[key.strip()]), fmt.strip())

    text, previous = template, None
    while text != previous:
        previous, text = text, PLACEHOLDER.sub(fill, text)
    return text
