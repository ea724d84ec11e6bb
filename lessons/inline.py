"""Citations [@key] and glossary terms [[term]] inside Markdown text (markup.py renders them).

Inside code (`spans` and fenced blocks) they are literal text, as Markdown renders them.
"""
from __future__ import annotations

import re

CITATION = re.compile(r"\[@([^\]\n]+)\]")
TERM = re.compile(r"\[\[([^\]|\n]+)(?:\|([^\]\n]+))?\]\]")
FENCED_CODE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)  # a run of backticks, closed by the same run


def without_code(text: str) -> str:
    """The text with code blocks and spans blanked out, lines kept where they were."""
    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return CODE_SPAN.sub(blank, FENCED_CODE.sub(blank, text))


def citation_keys(group: str) -> list[str]:
    """Keys inside one [@a; @b] group."""
    return [k.strip().lstrip("@").strip() for k in group.split(";") if k.strip()]


def find_citations(text: str) -> list[tuple[str, int]]:
    """Every cited key with the line (0-based within text) it is on."""
    text = without_code(text)
    return [(key, text.count("\n", 0, m.start())) for m in CITATION.finditer(text)
            for key in citation_keys(m.group(1))]


def find_terms(text: str) -> list[tuple[str, int]]:
    """Every glossary term used, with its 0-based line within text."""
    text = without_code(text)
    return [((m.group(2) or m.group(1)).strip(), text.count("\n", 0, m.start())) for m in TERM.finditer(text)]
