"""The house style of the Spanish patient parts: care-team questions, the "for you" box and two reading-ease scores.

The structural and language-free rules (one-sentence key message, quiz size) are reused from
editorial.py; these are the rules whose words or measures are Spanish.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from . import readability, readability_es
from .editorial import QUESTION_ITEM, HEADING, key_message_is_one_sentence, markdown_blocks, phrase_line, quiz_size
from .problems import Problem
from .sources import field_line
from .validate import PATIENT_MESSAGE_CHARS

if TYPE_CHECKING:
    from .content import Content, Lesson

CARE_TEAM = "Preguntas para su equipo de atención médica"
FOR_YOU = "Lo que esto significa para usted"
MIN_FERNANDEZ_HUERTA = 70.0  # "algo fácil" (grade 6) or easier on Fernández-Huerta's scale
MIN_INFLESZ = 65.0  # "bastante fácil" or easier on the INFLESZ scale (Barrio-Cantalejo 2008)


def scores(text: str) -> tuple[float, float]:
    """(Fernández-Huerta, INFLESZ) of a plain text."""
    counted = readability_es.counts(text)
    return counted.fernandez_huerta, counted.szigriszt_pazos


def patient_scores(lesson: Lesson, content: Content) -> tuple[float, float]:
    """(Fernández-Huerta, INFLESZ) of a lesson's patient part as a reader sees it."""
    return scores(readability.audience_text(lesson, content, "patient"))


def reads_easily(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient part scores Fernández-Huerta >= 70 and INFLESZ >= 65."""
    if not markdown_blocks(lesson, "patient"):
        return
    huerta, inflesz = patient_scores(lesson, content)
    if huerta < MIN_FERNANDEZ_HUERTA or inflesz < MIN_INFLESZ:
        line = min(b.line for b in markdown_blocks(lesson, "patient"))
        yield Problem(lesson.path, line, f"patient part scores Fernández-Huerta {huerta:.1f} and INFLESZ {inflesz:.1f}; "
                                         f"reach {MIN_FERNANDEZ_HUERTA:g} and {MIN_INFLESZ:g} with shorter sentences "
                                         "and everyday words")


def message_is_short_and_plain(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient message fits a phone's first screen and scores as the patient part must."""
    message = lesson.meta.get("patient_message")
    if not isinstance(message, str) or not message.strip():
        return
    line = field_line(lesson.path, "patient_message")
    if len(message) > PATIENT_MESSAGE_CHARS:
        yield Problem(lesson.path, line, f"`patient_message` has {len(message)} characters; keep it to "
                                         f"{PATIENT_MESSAGE_CHARS} so it shows on a phone's first screen")
    huerta, inflesz = scores(message)
    if huerta < MIN_FERNANDEZ_HUERTA or inflesz < MIN_INFLESZ:
        yield Problem(lesson.path, line, f"`patient_message` scores Fernández-Huerta {huerta:.1f} and INFLESZ "
                                         f"{inflesz:.1f}; rewrite it to reach {MIN_FERNANDEZ_HUERTA:g} and {MIN_INFLESZ:g}")


def asks_the_care_team(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient part has a care-team section with at least one question in it."""
    line = phrase_line(lesson, "patient", re.escape(CARE_TEAM))
    if line is None:
        yield Problem(lesson.path, min((b.line for b in markdown_blocks(lesson, "patient")), default=1),
                      f'patient part has no "{CARE_TEAM}" section; add `## {CARE_TEAM}` and questions ending in "?"')
        return
    block = next(b for b in markdown_blocks(lesson, "patient") if b.line <= line < b.line + b.text.count("\n") + 1)
    questions = 0
    for text in block.text.split("\n")[line - block.line + 1:]:
        if HEADING.match(text):
            break
        questions += bool(QUESTION_ITEM.match(text))
    if not questions:
        yield Problem(lesson.path, line, f'"{CARE_TEAM}" lists no question; add list items ending in "?"')


def has_the_for_you_box(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient part has the "What this means for you" box, in Spanish."""
    if phrase_line(lesson, "patient", re.escape(FOR_YOU)) is None:
        yield Problem(lesson.path, min((b.line for b in markdown_blocks(lesson, "patient")), default=1),
                      f'patient part has no "{FOR_YOU}" box; add <div class="for-you" markdown="1"> with `## {FOR_YOU}`')


RULES = (key_message_is_one_sentence, message_is_short_and_plain, asks_the_care_team, has_the_for_you_box,
         reads_easily, quiz_size)


def check_spanish(content: Content) -> list[Problem]:
    """Every house-style problem of the Spanish lessons."""
    return [p for lesson in content.lessons for rule in RULES for p in rule(lesson, content)]
