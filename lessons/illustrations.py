"""Illustrations in a locale: the SVG's <text> labels replaced, in order, by the translated ones.

content/illustrations/<locale>.yaml maps each SVG file name to the list of its labels in that language,
one per <text> element in document order, so the drawing stays one file and only its words change.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .problems import Problem

TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")


def labels(svg: str) -> list[str]:
    """The words of every <text> element, in order."""
    return [html.unescape(m.group(2)) for m in TEXT.finditer(svg)]


def translated(svg: str, words: list[str]) -> str:
    """The SVG with its <text> labels replaced, in order, by words."""
    replacements = iter(words)
    return TEXT.sub(lambda m: m.group(1) + html.escape(next(replacements), quote=False) + m.group(3), svg)


def translation_table(root: Path, locale: str) -> tuple[Path, dict]:
    """The locale's label lists per SVG file ({} if there is no file)."""
    from mdr_explainer.widgets.framework.wording import read_yaml

    path = Path(root) / "illustrations" / f"{locale}.yaml"
    return path, (read_yaml(path) if path.is_file() else {})


def illustration_problems(root: Path, locale: str) -> list[Problem]:
    """Every SVG without translated labels, or with a different number of them, for a translated locale."""
    path, table = translation_table(root, locale)
    problems = []
    for svg in sorted((Path(root) / "illustrations").glob("*.svg")):
        english = labels(svg.read_text(encoding="utf-8"))
        words = table.get(svg.name)
        if not isinstance(words, list) or len(words) != len(english):
            problems.append(Problem(path, 1, f"{svg.name} has {len(english)} labels {english}; list their translations "
                                             f"under `{svg.name}:`, one per label, in the same order"))
    return problems


def svg_for(source: Path, root: Path, locale: str) -> bytes:
    """An illustration's bytes in a locale (English as drawn when the locale lists no labels for it)."""
    text = source.read_text(encoding="utf-8")
    words = translation_table(root, locale)[1].get(source.name) if locale != "en" else None
    return (translated(text, [str(w) for w in words]) if words else text).encode("utf-8")
