"""Split a lesson body into audience parts, Markdown, widget, quiz, recall and worked-example blocks, with lines."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

AUDIENCES = ("patient", "student", "teacher")
PART_OPEN = re.compile(r"^:::\s*([A-Za-z_-]+)\s*$")
PART_CLOSE = re.compile(r"^:::\s*$")
FENCE = re.compile(r"^(```+|~~~+)\s*([A-Za-z_][\w-]*)?\s*(\S+)?\s*$")
SPECIAL_FENCES = ("widget", "quiz", "icons", "recall", "worked")


@dataclass
class Block:
    """A run of body text for one audience: Markdown, a widget directive, a quiz, recall questions or a worked example."""

    kind: str
    audience: str
    text: str
    line: int
    name: str = ""
    data: object = None


@dataclass
class Body:
    """A parsed lesson body."""

    blocks: list[Block] = field(default_factory=list)
    parts: dict[str, int] = field(default_factory=dict)


def parse_body(path: Path, body: str, first_line: int, problems: list[Problem]) -> Body:
    """Walk the body line by line; collect blocks and every structural problem."""
    result = Body()
    audience, part_line = "shared", 0
    buffer, buffer_line = [], first_line
    fence = None  # (marker, kind, name, start line, lines)

    def flush(next_line: int):
        nonlocal buffer, buffer_line
        text = "\n".join(buffer)
        if text.strip():
            result.blocks.append(Block("markdown", audience, text, buffer_line))
        buffer, buffer_line = [], next_line

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if fence:
            marker, kind, name, start, lines = fence
            if line.strip() == marker:
                if kind in SPECIAL_FENCES:
                    result.blocks.append(Block(kind, audience, "\n".join(lines), start + 1, name=name))
                    buffer_line = number + 1
                else:
                    buffer.append(line)
                fence = None
            elif kind in SPECIAL_FENCES:
                lines.append(line)
            else:
                buffer.append(line)
            continue
        match = FENCE.match(line)
        if match:
            marker, kind, name = match.group(1), (match.group(2) or ""), (match.group(3) or "")
            if kind in SPECIAL_FENCES:
                flush(number)
                if kind == "widget" and not name:
                    problems.append(Problem(path, number, "widget block needs a name: ```widget drug_accumulation"))
            else:
                buffer.append(line)
            fence = (marker, kind, name, number, [])
            continue
        opened = PART_OPEN.match(line)
        if opened:
            name = opened.group(1)
            if audience != "shared":
                problems.append(Problem(path, number, f"part `{name}` opens inside part `{audience}` "
                                                      f"(opened on line {part_line}); close it with `:::` first"))
                continue
            if name not in AUDIENCES:
                problems.append(Problem(path, number, f"unknown part `{name}`; use one of "
                                                      f"{', '.join(AUDIENCES)}"))
                continue
            if name in result.parts:
                problems.append(Problem(path, number, f"part `{name}` appears twice (first on line "
                                                      f"{result.parts[name]}); merge them into one"))
            flush(number + 1)
            audience, part_line = name, number
            result.parts.setdefault(name, number)
            continue
        if PART_CLOSE.match(line):
            if audience == "shared":
                problems.append(Problem(path, number, "`:::` closes a part that was never opened; remove it"))
                continue
            flush(number + 1)
            audience = "shared"
            continue
        buffer.append(line)
    if fence:
        problems.append(Problem(path, fence[3], f"code block opened here is never closed; add a line `{fence[0]}`"))
    if audience != "shared":
        problems.append(Problem(path, part_line, f"part `{audience}` is never closed; add a line `:::`"))
    flush(first_line)
    return result
