"""Numbers as a reader sees them: rounding like JavaScript's toFixed, then the locale's symbols.

The browser runtime (site/static/mdr.js, `formatValue`) implements the same rules; the parity
suite (tests/test_parity.py) runs both over the same cases and requires equal strings.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

WIDE = Context(prec=1200)  # enough digits for any float64 written out in full
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class NumberLocale:
    """The symbols and plural rules one locale writes numbers with (CLDR data)."""

    code: str = "en"
    decimal: str = "."
    group: str = ","
    min_grouping: int = 2
    plural_code: str = "en"

    def to_json(self) -> dict:
        """The locale as the browser runtime reads it."""
        return {"code": self.code, "decimal": self.decimal, "group": self.group,
                "min_grouping": self.min_grouping, "plural": self.plural_code}


ENGLISH = NumberLocale()


def fixed(value: float, decimals: int) -> str:
    """Like JavaScript's toFixed: ties on the exact binary value round away from zero; '-0' stays."""
    exact = Decimal(value)
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=WIDE))


def localise(text: str, locale: NumberLocale) -> str:
    """Swap in the locale's decimal sign and group the integer digits when there are enough."""
    sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, frac = body.partition(".")
    if len(whole) >= 3 + locale.min_grouping:
        groups = []
        while len(whole) > 3:
            whole, tail = whole[:-3], whole[-3:]
            groups.insert(0, tail)
        whole = locale.group.join([whole, *groups])
    return sign + whole + (locale.decimal + frac if frac else "")


def no_negative_zero(text: str) -> str:
    """'-0', '-0.0' and the like read as zero."""
    return text[1:] if text.startswith("-") and set(text[1:]) <= {"0", "."} else text


def auto_digits(value: float) -> str:
    """Three significant figures, no exponent, trailing zeros removed (up to four decimals)."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    decimals = min(4, max(0, 2 - math.floor(math.log10(abs(value)))))
    text = fixed(value, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def scientific(value: float, locale: NumberLocale) -> str:
    """m × 10ⁿ with one decimal in m, or 10ⁿ alone when m rounds to 1."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    if fixed(abs(mantissa), 1) == "10.0":
        exponent, mantissa = exponent + 1, mantissa / 10
    head = "" if fixed(mantissa, 1) == "1.0" else f"{localise(fixed(mantissa, 1), locale)} × "
    return f"{head}10{str(exponent).translate(SUPERSCRIPT)}"


def digits(value: float, fmt: str) -> str:
    """The digits of a number in a format, before the locale's symbols are applied."""
    if fmt == "pct":
        return fixed(value * 100, 0)
    if fmt == "d":
        return fixed(value, 0)
    if fmt.startswith(".") and fmt.endswith("f"):
        return fixed(value, int(fmt[1:-1]))
    if fmt:
        raise ValueError(f"unknown number format {fmt!r}; use '', 'd', 'pct', 'sci' or '.Nf'")
    return auto_digits(value)


def format_value(value: float, fmt: str = "", locale: NumberLocale = ENGLISH) -> str:
    """Format a number the way the browser runtime does, in the given locale."""
    value = float(value)
    if fmt == "sci":
        return scientific(value, locale)
    if not math.isfinite(value):
        return str(value)
    text = localise(no_negative_zero(digits(value, fmt)), locale)
    return text + "%" if fmt == "pct" else text


@lru_cache(maxsize=None)
def plural_rule(code: str):
    """CLDR plural rule of a language, from Babel (the browser uses Intl.PluralRules)."""
    from babel import Locale

    return Locale.parse(code.replace("-", "_")).plural_form


def plural_category(value: float, locale: NumberLocale = ENGLISH) -> str:
    """CLDR plural category (one, few, many, other, …) of a number in a locale."""
    value = abs(float(value))
    return plural_rule(locale.plural_code)(int(value) if value.is_integer() else value)
