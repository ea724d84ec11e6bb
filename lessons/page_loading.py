"""Read and check one lesson or page file into a Lesson (content.py loads a whole folder with it)."""
from __future__ import annotations

from pathlib import Path

from .catalog import Catalog
from .lesson import Lesson
from .parse import parse_body
from .problems import Problem
from .sources import BadSource, field_line, split_front_matter
from .validate import (check_front_matter, check_icons, check_inline, check_parts, check_quiz, check_recall, check_widget,
                       check_worked, repeat_recall)


def load_page(path: Path, kind: str, catalog: Catalog, registry: dict, problems: list[Problem]) -> Lesson | None:
    """Read and check one lesson or page; None if it cannot be read at all."""
    try:
        src = split_front_matter(path)
    except BadSource as bad:
        problems.append(bad.problem)
        return None
    found: list[Problem] = []
    check_front_matter(src, kind, found)
    body = parse_body(path, src.body, src.body_line, found)
    check_parts(src, body.parts, kind, found)
    listed = set(src.meta.get("references") or []) if kind == "lesson" else None
    for key in sorted(listed or ()):
        if key not in catalog.references:
            found.append(Problem(path, field_line(path, "references"), f"front matter lists unknown "
                                                                       f"reference {key!r}; add it to references.yaml"))
    for block in body.blocks:
        check_block(src, block, catalog, listed, registry, found)
    repeat_recall(src, body.blocks, found)
    problems.extend(found)
    return Lesson(path=path, kind=kind, meta=src.meta, body=body)


def worked_texts(data) -> list[str]:
    """Every text of a checked worked example (None if it did not pass its check)."""
    if not data:
        return []
    return [data["title"], data["rule"], *data["steps"]] + [
        str(t) for item in data["problems"] for t in [item["given"], *item["results"]]]


def check_block(src, block, catalog: Catalog, listed, registry: dict, found: list[Problem]) -> None:
    """Check one parsed block and the inline Markdown it holds (citations, glossary terms)."""
    if block.kind == "markdown":
        check_inline(src, block.text, block.line, catalog, listed, found)
    elif block.kind == "widget":
        check_widget(src, block, registry, found)
        if block.data:
            check_inline(src, block.data["caption"], block.line, catalog, listed, found)
    elif block.kind == "icons":
        check_icons(src, block, found)
        if block.data:
            check_inline(src, block.data["label"], block.line, catalog, listed, found)
    elif block.kind == "quiz":
        check_quiz(src, block, found)
        for question in block.data or []:
            texts = [str(question.get("question", ""))] + [
                f"{c.get('text', '')} {c.get('feedback', '')}" for c in question.get("choices", [])]
            for text in texts:
                check_inline(src, text, block.line, catalog, listed, found)
    elif block.kind == "recall":
        check_recall(src, block, found)
        for question in block.data or []:
            if isinstance(question, dict):
                check_inline(src, f"{question.get('question', '')} {question.get('answer', '')}", block.line,
                             catalog, listed, found)
    elif block.kind == "worked":
        check_worked(src, block, found)
        for text in worked_texts(block.data):
            check_inline(src, text, block.line, catalog, listed, found)
