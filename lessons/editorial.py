"""The editorial rules every lesson meets, reported as `file:line: fix` problems by load_content.

Structural rules (parts, citations, widgets, quiz syntax) live in validate.py; these are the
rules of the house style that content/README.md lists under "What check enforces". A rule
stays silent when the structure it needs is missing, because validate.py already says so.
"""
from __future__ import annotations

import re
from statistics import mean
from typing import Iterator

from . import readability
from .inline import find_citations
from .lesson import Content, Lesson
from .problems import Problem
from .sources import field_line

CARE_TEAM = "Questions to ask your care team"
MIN_CARE_TEAM_QUESTIONS = 1
MIN_SOURCES = 3
OBJECTIVES = (3, 6)
QUIZ_QUESTIONS = (3, 5)
MAX_PATIENT_GRADE = 8.0
MAX_MEAN_PATIENT_GRADE = 7.0

SENTENCE_END = re.compile(r"[.!?](\s|$)")
QUESTION_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+.*\?[\"'”’)\s]*$")
HEADING = re.compile(r"^\s*#")


def markdown_blocks(lesson: Lesson, audience: str) -> list:
    """The Markdown blocks of one audience part, in order."""
    return [b for b in lesson.body.blocks if b.kind == "markdown" and b.audience == audience]


def phrase_line(lesson: Lesson, audience: str, pattern: str, flags: int = 0) -> int | None:
    """File line of the first match of pattern in an audience part's Markdown; None if absent."""
    for block in markdown_blocks(lesson, audience):
        match = re.search(pattern, block.text, flags)
        if match:
            return block.line + block.text.count("\n", 0, match.start())
    return None


def last_line(lesson: Lesson) -> int:
    """Number of the file's last line."""
    return max(1, len(lesson.path.read_text(encoding="utf-8").splitlines()))


def key_message_is_one_sentence(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The key message is exactly one sentence."""
    text = lesson.meta.get("key_message")
    if not isinstance(text, str) or not text.strip():
        return
    count = len(SENTENCE_END.findall(text.strip()))
    if count != 1:
        found = "no sentence end" if count == 0 else f"{count} sentences"
        yield Problem(lesson.path, field_line(lesson.path, "key_message"),
                      f"`key_message` has {found}; write it as one sentence ending in . ! or ?")


def reading_time_is_positive(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The reading time is more than zero minutes."""
    minutes = lesson.meta.get("reading_time")
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes <= 0:
        yield Problem(lesson.path, field_line(lesson.path, "reading_time"),
                      f"`reading_time` is {minutes}; give the minutes a reader needs (more than 0)")


def objectives_count(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The lesson lists 3-6 learning objectives."""
    objectives = lesson.meta.get("objectives")
    low, high = OBJECTIVES
    if isinstance(objectives, list) and objectives and not low <= len(objectives) <= high:
        yield Problem(lesson.path, field_line(lesson.path, "objectives"),
                      f"lesson has {len(objectives)} `objectives`; list {low}-{high}")


def cites_enough_sources(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The lesson's text cites at least three different sources."""
    keys = {key for b in lesson.body.blocks if b.kind == "markdown" for key, _ in find_citations(b.text)}
    if len(keys) < MIN_SOURCES:
        line = lesson.body.parts.get("student", lesson.body.parts.get("patient", 1))
        yield Problem(lesson.path, line, f"the lesson's text cites {len(keys)} source(s); cite at least "
                                         f"{MIN_SOURCES} different ones with [@key]")


def patient_asks_the_care_team(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient part has a "Questions to ask your care team" section with questions in it."""
    if "patient" not in lesson.body.parts:
        return
    line = phrase_line(lesson, "patient", re.escape(CARE_TEAM))
    if line is None:
        yield Problem(lesson.path, lesson.body.parts["patient"],
                      f'patient part has no "{CARE_TEAM}" section; add `## {CARE_TEAM}` and a list of '
                      f'at least {MIN_CARE_TEAM_QUESTIONS} question(s) ending in "?"')
        return
    block = next(b for b in markdown_blocks(lesson, "patient")
                 if b.line <= line < b.line + b.text.count("\n") + 1)
    questions = 0
    for text in block.text.split("\n")[line - block.line + 1:]:
        if HEADING.match(text):
            break
        questions += bool(QUESTION_ITEM.match(text))
    if questions < MIN_CARE_TEAM_QUESTIONS:
        yield Problem(lesson.path, line, f'"{CARE_TEAM}" lists {questions} question(s); add at least '
                                         f'{MIN_CARE_TEAM_QUESTIONS} as list items ending in "?"')


def patient_reads_at_grade_eight(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The patient part reads at Flesch-Kincaid grade 8 or below (needs textstat)."""
    if "patient" not in lesson.body.parts or not readability.available():
        return
    grade = readability.patient_grade(lesson, content)
    if grade > MAX_PATIENT_GRADE:
        yield Problem(lesson.path, lesson.body.parts["patient"],
                      f"patient part reads at grade {grade:.1f} (Flesch-Kincaid); use shorter sentences "
                      f"and plainer words to reach grade {MAX_PATIENT_GRADE:g} or below")


def teacher_has_model_answers(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The teacher part gives model answers."""
    if "teacher" in lesson.body.parts and phrase_line(lesson, "teacher", r"Model answer") is None:
        yield Problem(lesson.path, lesson.body.parts["teacher"],
                      'teacher part has no model answer; after each discussion question add '
                      '<details markdown="1"><summary>Model answer</summary> ... </details>')


def teacher_names_misconceptions(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The teacher part discusses misconceptions."""
    if "teacher" in lesson.body.parts and phrase_line(lesson, "teacher", r"misconception", re.I) is None:
        yield Problem(lesson.path, lesson.body.parts["teacher"],
                      "teacher part names no misconceptions; add a `## Common misconceptions` section")


def teacher_has_a_15_minute_activity(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The teacher part has a 15-minute class activity."""
    if "teacher" in lesson.body.parts and phrase_line(lesson, "teacher", r"15[- ]minute", re.I) is None:
        yield Problem(lesson.path, lesson.body.parts["teacher"],
                      "teacher part has no 15-minute activity; add a `## 15-minute class activity: ...` section")


def teacher_names_a_preset(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The teacher part points the activity at a widget preset."""
    if "teacher" in lesson.body.parts and phrase_line(lesson, "teacher", r"preset", re.I) is None:
        yield Problem(lesson.path, lesson.body.parts["teacher"],
                      "teacher part names no widget preset; link the activity to one, "
                      "e.g. `../embed/NAME/index.html?preset=PRESET`")


def widgets_have_what_to_notice(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """A lesson with widgets tells students what to notice in them."""
    yield from widget_prompt(lesson, "What to notice", "what the widget shows")


def widgets_have_try_this(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """A lesson with widgets gives students something to try with them."""
    yield from widget_prompt(lesson, "Try this", "a change to make and a question to answer")


def widget_prompt(lesson: Lesson, label: str, what: str) -> Iterator[Problem]:
    """Problem at the first widget if the student part never says `label`."""
    widgets = [b for b in lesson.body.blocks if b.kind == "widget"]
    if widgets and "student" in lesson.body.parts and phrase_line(lesson, "student", re.escape(label)) is None:
        yield Problem(lesson.path, widgets[0].line - 1,
                      f'the lesson shows widgets but its student part never says "{label}"; after the '
                      f"widget add a paragraph `**{label}:** ...` with {what}")


def quiz_size(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """The lesson's quizzes hold 3-5 questions in all."""
    low, high = QUIZ_QUESTIONS
    quizzes = [b for b in lesson.body.blocks if b.kind == "quiz"]
    if not quizzes:
        yield Problem(lesson.path, last_line(lesson), f"lesson has no quiz; add a ```quiz block with "
                                                      f"{low}-{high} questions")
        return
    if any(not isinstance(q.data, list) for q in quizzes):
        return
    total = sum(len(q.data) for q in quizzes)
    if not low <= total <= high:
        yield Problem(lesson.path, quizzes[0].line - 1, f"the lesson's quizzes hold {total} question(s); "
                                                        f"a lesson asks {low}-{high} in all")


RECALL_PARTS = ("student", "teacher")


def later_lessons_open_with_recall(lesson: Lesson, content: Content) -> Iterator[Problem]:
    """Each lesson after the first opens its student and teacher parts with questions from the last lesson."""
    first = content.lessons.index(lesson) == 0 if lesson in content.lessons else True
    recalls = [b for b in lesson.body.blocks if b.kind == "recall"]
    if first:
        for block in recalls:
            yield Problem(lesson.path, block.line - 1, "the first lesson has no lesson before it; remove this "
                                                       "```recall block")
        return
    for audience in RECALL_PARTS:
        if audience not in lesson.body.parts:
            continue
        opening = next((b for b in lesson.body.blocks if b.audience == audience), None)
        if opening is None or opening.kind != "recall":
            yield Problem(lesson.path, lesson.body.parts[audience] + 1,
                          f"the {audience} part must open with a ```recall block: two questions on the last "
                          "lesson, each with `question:` and `answer:` (an empty block repeats the first one)")


def patient_parts_average_grade_seven(content: Content) -> Iterator[Problem]:
    """The patient parts average Flesch-Kincaid grade 7 or below (needs textstat)."""
    lessons = [lesson for lesson in content.lessons if "patient" in lesson.body.parts]
    if not lessons or not readability.available():
        return
    grades = [readability.patient_grade(lesson, content) for lesson in lessons]
    average = mean(grades)
    if average > MAX_MEAN_PATIENT_GRADE:
        hardest = max(range(len(lessons)), key=grades.__getitem__)
        lesson = lessons[hardest]
        yield Problem(lesson.path, lesson.body.parts["patient"],
                      f"patient parts average grade {average:.1f} over {len(lessons)} lesson(s), above "
                      f"{MAX_MEAN_PATIENT_GRADE:g}; this one is the hardest (grade {grades[hardest]:.1f}), "
                      "simplify it first")


LESSON_RULES = (key_message_is_one_sentence, reading_time_is_positive, objectives_count, cites_enough_sources,
                patient_asks_the_care_team, patient_reads_at_grade_eight, teacher_has_model_answers,
                teacher_names_misconceptions, teacher_has_a_15_minute_activity, teacher_names_a_preset,
                widgets_have_what_to_notice, widgets_have_try_this, quiz_size, later_lessons_open_with_recall)
SITE_RULES = (patient_parts_average_grade_seven,)


def check_editorial(content: Content) -> list[Problem]:
    """Every editorial problem in the content's lessons (pages are not lessons and are exempt)."""
    problems = [p for lesson in content.lessons for rule in LESSON_RULES for p in rule(lesson, content)]
    return problems + [p for rule in SITE_RULES for p in rule(content)]
