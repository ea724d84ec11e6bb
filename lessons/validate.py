"""Check a lesson's front matter, widget blocks, quizzes, citations and terms against the catalog."""
from __future__ import annotations

import datetime
import re

from .catalog import Catalog
from .inline import find_citations, find_terms
from .parse import AUDIENCES, Block
from .problems import Problem
from .sources import SourceText, field_line, parse_yaml, BadSource

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LESSON_FIELDS = {"title": str, "slug": str, "key_message": str, "patient_message": str, "reading_time": int,
                 "objectives": list, "references": list,
                 "reviewed": datetime.date}  # reviewed: ISO date the science was last checked
PAGE_FIELDS = {"title": str, "slug": str}
OPTIONAL_PAGE_FIELDS = {"key_message": str, "reading_time": int, "references": list,
                        "reviewed": datetime.date}  # reviewed: ISO date the science was last checked
WIDGET_KEYS = {"preset", "params", "caption"}
PATIENT_MESSAGE_CHARS = 220  # fits the first screen of a 390x844 phone under the title
PATIENT_MESSAGE_GRADE = 6.0  # Flesch-Kincaid grade, as for the patient part


def check_front_matter(src: SourceText, kind: str, problems: list[Problem]) -> None:
    """Required fields present and of the right type; the slug is URL-safe."""
    required = LESSON_FIELDS if kind == "lesson" else PAGE_FIELDS
    allowed = {**LESSON_FIELDS, **OPTIONAL_PAGE_FIELDS} if kind == "lesson" else {**PAGE_FIELDS, **OPTIONAL_PAGE_FIELDS}
    for key, typ in required.items():
        if key not in src.meta or src.meta[key] in (None, "", []):
            problems.append(Problem(src.path, 2, f"front matter lacks `{key}`; add `{key}:` "
                                                 f"({typ.__name__})"))
    for key, value in src.meta.items():
        line = field_line(src.path, key)
        if key not in allowed:
            problems.append(Problem(src.path, line, f"unknown front-matter field `{key}`; "
                                                    f"allowed: {', '.join(allowed)}"))
        elif allowed[key] is datetime.date and not isinstance(value, datetime.date):
            problems.append(Problem(src.path, line, f"`{key}` must be an ISO date such as 2026-12-01"))
        elif value not in (None, "", []) and not isinstance(value, allowed[key]) or isinstance(value, bool):
            problems.append(Problem(src.path, line, f"`{key}` must be a {allowed[key].__name__}"))
    slug = src.meta.get("slug")
    if isinstance(slug, str) and not SLUG.match(slug):
        problems.append(Problem(src.path, field_line(src.path, "slug"),
                                f"slug {slug!r} must be lowercase letters, digits and hyphens"))
    for key in ("objectives", "references"):
        items = src.meta.get(key)
        if isinstance(items, list) and not all(isinstance(i, str) and i.strip() for i in items):
            problems.append(Problem(src.path, field_line(src.path, key), f"every `{key}` item must be text"))
    check_patient_message(src, problems)


def check_patient_message(src: SourceText, problems: list[Problem]) -> None:
    """The patient's key message is short and plain (grade 6 or below), so a phone shows it first."""
    from .readability import available, flesch_kincaid_grade

    message = src.meta.get("patient_message")
    if not isinstance(message, str) or not message.strip():
        return
    line = field_line(src.path, "patient_message")
    if len(message) > PATIENT_MESSAGE_CHARS:
        problems.append(Problem(src.path, line, f"`patient_message` has {len(message)} characters; keep it "
                                                f"to {PATIENT_MESSAGE_CHARS} so it shows on a phone's first screen"))
    if available():
        grade = flesch_kincaid_grade(message)
        if grade > PATIENT_MESSAGE_GRADE:
            problems.append(Problem(src.path, line, f"`patient_message` reads at grade {grade:.1f}; rewrite it "
                                                    f"at grade {PATIENT_MESSAGE_GRADE:g} or below (shorter "
                                                    "sentences, everyday words)"))


def check_parts(src: SourceText, parts: dict, kind: str, problems: list[Problem]) -> None:
    """A lesson has each audience part exactly once."""
    if kind != "lesson":
        return
    for audience in AUDIENCES:
        if audience not in parts:
            problems.append(Problem(src.path, src.body_line, f"lesson has no `::: {audience}` part; "
                                                             f"add one (see content/README.md)"))


def check_inline(src: SourceText, text: str, line: int, catalog: Catalog, listed, problems) -> None:
    """Citations resolve and are listed in the front matter; glossary terms exist."""
    for key, offset in find_citations(text):
        if key not in catalog.references:
            problems.append(Problem(src.path, line + offset, f"unknown citation key {key!r}; add it "
                                                             "to references.yaml or fix the spelling"))
        elif listed is not None and key not in listed:
            problems.append(Problem(src.path, line + offset, f"citation {key!r} is not in the "
                                                             "front matter `references:`; add it there"))
    for term, offset in find_terms(text):
        if catalog.term(term) is None:
            problems.append(Problem(src.path, line + offset, f"unknown glossary term {term!r}; add it "
                                                             "to glossary.yaml or use an existing term"))


def key_line(block: Block, key: str) -> int:
    """Line of a key inside a fenced block (the block's first line if not found)."""
    for offset, text in enumerate(block.text.split("\n")):
        if re.match(rf"\s*-?\s*{re.escape(key)}\s*:", text) or f"{key}:" in text:
            return block.line + offset
    return block.line


def block_mapping(src: SourceText, block: Block, problems: list[Problem], shape: str, empty):
    """A fenced block's YAML as a mapping, or None after reporting why it is not one."""
    try:
        data = parse_yaml(block.text, src.path, block.line) if block.text.strip() else empty
    except BadSource as bad:
        problems.append(bad.problem)
        return None
    if not isinstance(data, dict):
        problems.append(Problem(src.path, block.line, shape))
        return None
    return data


def check_widget(src: SourceText, block: Block, registry: dict, problems: list[Problem]) -> None:
    """The widget exists; its preset and parameter overrides are valid."""
    line = block.line - 1
    widget = registry.get(block.name)
    if widget is None:
        problems.append(Problem(src.path, line, f"unknown widget {block.name!r}; known widgets: "
                                                f"{', '.join(sorted(registry))}"))
        return
    data = block_mapping(src, block, problems, "widget block must hold `key: value` lines", empty={})
    if data is None:
        return
    for key in set(data) - WIDGET_KEYS:
        problems.append(Problem(src.path, key_line(block, key), f"unknown widget option `{key}`; "
                                                                f"use {', '.join(sorted(WIDGET_KEYS))}"))
    preset = data.get("preset")
    if preset is not None:
        try:
            widget.preset(str(preset))
        except KeyError as err:
            problems.append(Problem(src.path, key_line(block, "preset"), err.args[0]))
    params = data.get("params") or {}
    if not isinstance(params, dict):
        problems.append(Problem(src.path, key_line(block, "params"), "`params` must be a mapping like {inhibitor: 2}"))
        params = {}
    for name, raw in params.items():
        try:
            widget.param(str(name)).coerce(raw)
        except KeyError as err:
            problems.append(Problem(src.path, key_line(block, str(name)), err.args[0]))
        except ValueError as err:
            problems.append(Problem(src.path, key_line(block, str(name)), str(err)))
    block.data = {"preset": str(preset) if preset is not None else None, "params": params,
                  "caption": str(data.get("caption") or "")}


def question_list(src: SourceText, block: Block, problems: list[Problem], sizes: tuple[int, int], what: str):
    """A block's YAML list of `question:` mappings as (where, line, question) for each usable one, or None."""
    try:
        data = parse_yaml(block.text, src.path, block.line)
    except BadSource as bad:
        problems.append(bad.problem)
        return None
    low, high = sizes
    count = f"{low}" if low == high else f"{low}-{high}"
    if not isinstance(data, list) or not low <= len(data) <= high:
        problems.append(Problem(src.path, block.line, f"{what} is a YAML list of {count} questions"))
        return None
    starts = [block.line + i for i, text in enumerate(block.text.split("\n"))
              if re.match(r"\s*-\s*question\s*:", text)]
    usable = []
    for q_index, question in enumerate(data, start=1):
        where = f"question {q_index}"
        line = starts[q_index - 1] if q_index <= len(starts) else block.line
        if not isinstance(question, dict) or not str(question.get("question") or "").strip():
            problems.append(Problem(src.path, line, f"{where} needs `question:` text"))
            continue
        usable.append((where, line, question))
    block.data = data
    return usable


def check_quiz(src: SourceText, block: Block, problems: list[Problem]) -> None:
    """1-5 questions, each with 2-5 choices, one correct, feedback on all."""
    for where, line, question in question_list(src, block, problems, (1, 5), "a quiz") or []:
        choices = question.get("choices")
        if not isinstance(choices, list) or not 2 <= len(choices) <= 5:
            problems.append(Problem(src.path, line, f"{where} needs 2-5 `choices`"))
            continue
        if sum(bool(c.get("correct")) for c in choices if isinstance(c, dict)) != 1:
            problems.append(Problem(src.path, line, f"{where} must have exactly one choice with `correct: true`"))
        for c_index, choice in enumerate(choices, start=1):
            if not isinstance(choice, dict) or not choice.get("text") or not choice.get("feedback"):
                problems.append(Problem(src.path, line, f"{where}, choice {c_index} needs `text:` and `feedback:`"))


RECALL_QUESTIONS = 2


def check_recall(src: SourceText, block: Block, problems: list[Problem]) -> None:
    """Questions "from last time": two, each answered (the answer sits behind a disclosure).

    An empty block repeats the lesson's first recall questions (the teacher part asks what students saw).
    """
    if not block.text.strip():
        block.data = []
        return
    for where, line, question in question_list(src, block, problems, (RECALL_QUESTIONS,) * 2, "a recall block") or []:
        if not str(question.get("answer") or "").strip():
            problems.append(Problem(src.path, line, f"{where} needs `answer:` text (shown behind a disclosure)"))
        for key in sorted(set(question) - {"question", "answer"}):
            problems.append(Problem(src.path, line, f"{where} has unknown key `{key}`; use `question:` and `answer:`"))


def repeat_recall(src: SourceText, blocks: list[Block], problems: list[Problem]) -> None:
    """Give each empty recall block the lesson's first written recall questions."""
    recalls = [b for b in blocks if b.kind == "recall"]
    written = next((b.data for b in recalls if b.data), None)
    for block in recalls:
        if block.data == [] and written is None:
            problems.append(Problem(src.path, block.line - 1, "an empty ```recall block repeats the lesson's "
                                                              "recall questions, but none are written; add two"))
        elif block.data == []:
            block.data = written


WORKED_KEYS = {"title", "rule", "steps", "fade", "problems"}
WORKED_PROBLEMS = 3  # worked in full, then one step left blank, then the learner alone
WORKED_STEPS = (2, 5)


def check_worked(src: SourceText, block: Block, problems: list[Problem]) -> None:
    """A worked-then-faded example: a rule, 2-5 steps, three problems each with a result for every step."""
    data = block_mapping(src, block, problems, "a worked block holds `title:`, `rule:`, `steps:`, `fade:` and "
                                               "`problems:`", empty=None)
    if data is None:
        return
    for key in sorted(set(data) - WORKED_KEYS):
        problems.append(Problem(src.path, key_line(block, key), f"unknown worked-example key `{key}`; "
                                                                f"use {', '.join(sorted(WORKED_KEYS))}"))
    found = len(problems)
    for key in ("title", "rule"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(src.path, key_line(block, key), f"a worked example needs `{key}:` text"))
    steps, low, high = data.get("steps"), *WORKED_STEPS
    if not isinstance(steps, list) or not low <= len(steps) <= high or not all(isinstance(t, str) and t.strip() for t in steps):
        problems.append(Problem(src.path, key_line(block, "steps"), f"`steps` must list {low}-{high} steps in words"))
        return
    fade = data.get("fade")
    if not isinstance(fade, int) or isinstance(fade, bool) or not 1 <= fade <= len(steps):
        problems.append(Problem(src.path, key_line(block, "fade"), f"`fade` must be the number (1-{len(steps)}) of "
                                                                   "the step the second problem leaves blank"))
    items = data.get("problems")
    if not isinstance(items, list) or len(items) != WORKED_PROBLEMS:
        problems.append(Problem(src.path, key_line(block, "problems"), f"`problems` must list {WORKED_PROBLEMS}: "
                                                                       "worked, one step blank, on your own"))
        return
    for index, item in enumerate(items, start=1):
        results = item.get("results") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not str(item.get("given") or "").strip() or not isinstance(results, list) \
                or len(results) != len(steps) or not all(str(r).strip() for r in results):
            problems.append(Problem(src.path, key_line(block, "problems"), f"problem {index} needs `given:` text and "
                                                                           f"`results:` with one answer per step ({len(steps)})"))
    if len(problems) == found:
        block.data = data


ICON_KEYS = {"count", "of", "label"}
MAX_ICONS = 200


def check_icons(src: SourceText, block: Block, problems: list[Problem]) -> None:
    """An icon array: whole numbers count <= of <= 200 and a label in words."""
    data = block_mapping(src, block, problems, "an icons block holds `count:`, `of:` and `label:` lines", empty=None)
    if data is None:
        return
    for key in sorted(set(data) - ICON_KEYS):
        problems.append(Problem(src.path, key_line(block, key), f"unknown icons option `{key}`; "
                                                                f"use {', '.join(sorted(ICON_KEYS))}"))
    count, of, label = data.get("count"), data.get("of"), data.get("label")
    if not isinstance(of, int) or isinstance(of, bool) or not 1 <= of <= MAX_ICONS:
        problems.append(Problem(src.path, key_line(block, "of"), f"`of` must be a whole number from 1 to {MAX_ICONS}"))
        return
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= of:
        problems.append(Problem(src.path, key_line(block, "count"), f"`count` must be a whole number from 0 to {of}"))
        return
    if not isinstance(label, str) or not label.strip():
        problems.append(Problem(src.path, key_line(block, "label"), "`label` must say in words what the figures show"))
        return
    block.data = {"count": count, "of": of, "label": label}
