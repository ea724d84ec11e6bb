"""Fill the templates a reader sees (sentences, labels with numbers); the runtime mirrors this.

Template syntax:
- {key} or {key:fmt} inserts a value; numbers are formatted by locale (fmt: .Nf, d, pct, sci,
  or empty for three significant figures), text is inserted as it is;
- {?key OP number|text if true|text if false} chooses words (OP is < <= > >=, and the right
  side may also be a key);
- {#key|one:text|other:text} chooses words by the CLDR plural category of a number in the
  locale (categories: zero, one, two, few, many, other; `other` is required).
Innermost placeholders are filled first, so a chosen text may itself hold {key} placeholders.
"""
from __future__ import annotations

import re

from .numbers import ENGLISH, NumberLocale, format_value, plural_category

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
CONDITION = re.compile(r"^\?\s*([A-Za-z_]\w*)\s*(<=|>=|<|>)\s*([A-Za-z_]\w*|-?[\d.]+(?:e-?\d+)?)\s*$")
PLURAL = re.compile(r"^#\s*([A-Za-z_]\w*)\s*$")
CATEGORY = re.compile(r"^(zero|one|two|few|many|other):", re.S)


def template_keys(template: str) -> list[str]:
    """Every value a template reads, including conditions around nested placeholders."""
    keys: list[str] = []

    def note(match: re.Match) -> str:
        head = match.group(1).split("|")[0]
        cond, plural = CONDITION.match(head), PLURAL.match(head)
        if cond:
            keys.append(cond.group(1))
            if re.match(r"[A-Za-z_]", cond.group(3)):
                keys.append(cond.group(3))
        elif plural:
            keys.append(plural.group(1))
        else:
            keys.append(head.split(":")[0].strip())
        return "x"

    text, previous = template, None
    while text != previous:
        previous, text = text, PLACEHOLDER.sub(note, text)
    return list(dict.fromkeys(keys))


def compare(left: float, op: str, right: float) -> bool:
    """Apply a comparison operator written in a template."""
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def choose_plural(parts: list[str], value: float, locale: NumberLocale) -> str:
    """The text for the value's plural category, or the `other` text."""
    choices = {}
    for part in parts:
        match = CATEGORY.match(part)
        if match:
            choices[match.group(1)] = part[match.end():]
    return choices.get(plural_category(value, locale), choices.get("other", ""))


def render(template: str, values: dict, locale: NumberLocale = ENGLISH) -> str:
    """Fill a template from values (numbers or text) in a locale."""

    def fill(match: re.Match) -> str:
        parts = match.group(1).split("|")
        cond, plural = CONDITION.match(parts[0]), PLURAL.match(parts[0])
        if cond:
            key, op, rhs = cond.groups()
            right = values[rhs] if rhs in values else float(rhs)
            return parts[1] if compare(values[key], op, right) else parts[2]
        if plural:
            return choose_plural(parts[1:], float(values[plural.group(1)]), locale)
        key, _, fmt = parts[0].partition(":")
        value = values[key.strip()]
        return value if isinstance(value, str) else format_value(float(value), fmt.strip(), locale)

    text, previous = template, None
    while text != previous:
        previous, text = text, PLACEHOLDER.sub(fill, text)
    return text
