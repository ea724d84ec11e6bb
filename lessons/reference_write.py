"""Add verified pmid/doi lines to references.yaml by editing lines, so every other byte stays as it was."""
from __future__ import annotations

import re
from pathlib import Path

# Field order in references.yaml; a new identifier goes after the last field that precedes it.
FIELD_ORDER = ("authors", "title", "journal", "year", "volume_pages", "pmid", "doi")
FIELD = re.compile(r"^  ([a-z_]+):")
TOP_KEY = re.compile(r"^[^\s#][^:]*:")


def entry_span(lines: list[str], key_line: int) -> tuple[int, int]:
    """Index range of an entry's field lines, from its key line (1-based) to the next key or blank line."""
    start = key_line - 1
    end = start + 1
    while end < len(lines) and lines[end].startswith("  ") and not TOP_KEY.match(lines[end]):
        end += 1
    return start, end


def field_end(lines: list[str], index: int, end: int) -> int:
    """Index just after a field's line and its continuation lines (deeper indentation)."""
    index += 1
    while index < end and lines[index].startswith("   ") and not FIELD.match(lines[index]):
        index += 1
    return index


def insertion_index(lines: list[str], start: int, end: int, name: str) -> int:
    """Where a new field line goes inside an entry: after the last field that comes before it."""
    before = set(FIELD_ORDER[:FIELD_ORDER.index(name)])
    at = start + 1
    for i in range(start + 1, end):
        found = FIELD.match(lines[i])
        if found and found.group(1) in before:
            at = field_end(lines, i, end)
    return at


def add_identifiers(text: str, key_lines: dict[str, int], additions: dict[str, dict[str, str]]) -> str:
    """The file text with `  pmid: "…"` / `  doi: "…"` lines added to the named entries, nothing else changed."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    # Work from the bottom up so earlier line numbers stay valid.
    for key in sorted(additions, key=lambda k: key_lines[k], reverse=True):
        start, end = entry_span(lines, key_lines[key])
        present = {m.group(1) for m in map(FIELD.match, lines[start + 1:end]) if m}
        for name in ("pmid", "doi"):
            value = additions[key].get(name)
            if not value or name in present:
                continue
            at = insertion_index(lines, start, end, name)
            if at == end and end > 0 and not lines[at - 1].endswith(("\n", "\r")):
                lines[at - 1] += newline
            lines.insert(at, f'  {name}: "{value}"{newline}')
            end += 1
    return "".join(lines)


def write_identifiers(path: Path, key_lines: dict[str, int], additions: dict[str, dict[str, str]]) -> int:
    """Rewrite references.yaml with the additions; returns how many lines were added."""
    text = path.read_bytes().decode("utf-8")
    new = add_identifiers(text, key_lines, additions)
    path.write_bytes(new.encode("utf-8"))
    return len(new.splitlines()) - len(text.splitlines())
