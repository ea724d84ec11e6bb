"""Citations [@key] and glossary terms [[term]] inside Markdown text."""
from __future__ import annotations

import re

CITATION = re.compile(r"\[@([^\]\n]+)\]")
TERM = re.compile(r"\[\[([^\]|\n]+)(?:\|([^\]\n]+))?\]\]")


def citation_keys(group: str) -> list[str]:
    """Keys inside one [@a; @b] group."""
    return [k.strip().lstrip("@").strip() for k in group.split(";") if k.strip()]


def find_citations(text: str) -> list[tuple[str, int]]:
    """Every cited key with the line (0-based within text) it is on."""
    return [(key, text.count("\n", 0, m.start())) for m in CITATION.finditer(text)
            for key in citation_keys(m.group(1))]


def find_terms(text: str) -> list[tuple[str, int]]:
    """Every glossary term used, with its 0-based line within text."""
    return [((m.group(2) or m.group(1)).strip(), text.count("\n", 0, m.start())) for m in TERM.finditer(text)]
