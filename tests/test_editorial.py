"""`mdr-explainer check` enforces the editorial rules: the real content passes them all, and breaking
one rule in a copy of a real lesson gives exactly that problem, in that file, on the right line."""
import re
import shutil
import subprocess
import sys

import pytest

from mdr_explainer.lessons import editorial, readability
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.problems import ContentError
from conftest import REPO, line_of

LESSON_FILES = sorted((REPO / "content" / "lessons").glob("*.md"))
HARD = ("Pharmacological characterisation of transmembrane glycoprotein transporters necessitates "
        "comprehensive consideration of heterogeneous physicochemical substrate interactions. ") * 30
QUESTION = """\
- question: Is this a question?
  choices:
    - text: It is
      correct: true
      feedback: Right.
    - text: It is not
      feedback: It is.
"""


@pytest.fixture(scope="module")
def real_problems():
    """Every problem `check` finds in the real content (none, we hope)."""
    try:
        load_content(REPO / "content")
    except ContentError as err:
        return err.problems
    return []


@pytest.fixture(scope="module")
def sample():
    """The first real lesson that shows a widget: the one each rule test copies and breaks."""
    return next(lesson for lesson in load_content(REPO / "content").lessons if lesson.widget_names())


@pytest.fixture
def source(sample):
    """The sample lesson's text."""
    return sample.path.read_text(encoding="utf-8")


RECALL = """```recall
- question: What does a pump push out?
  answer: Drugs.
- question: What powers it?
  answer: ATP.
```
"""


def problems_for(tmp_path, sample, text, extra=None):
    """(path of the lesson, problems `check` reports) for a folder holding only this lesson text."""
    root = tmp_path / "c"
    (root / "lessons").mkdir(parents=True)
    for name in ("references.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, root / name)
    path = root / "lessons" / sample.path.name
    path.write_text(text, encoding="utf-8")
    for name, more in (extra or {}).items():
        (root / "lessons" / name).write_text(more, encoding="utf-8")
    try:
        load_content(root)
    except ContentError as err:
        return path, err.problems
    return path, []


def assert_only(found, line, needle):
    """The only problem is in the lesson, on line, and says needle."""
    path, problems = found
    assert [(p.path, p.line) for p in problems] == [(path, line)], [str(p) for p in problems]
    assert needle in problems[0].message, problems[0].message


def set_field(text, key, value):
    """The lesson with one front-matter field (and any indented lines under it) replaced."""
    return re.sub(rf"(?m)^{key}:.*(\n[ \t]+.*)*$", f"{key}: {value}", text, count=1)


def in_part(sample, text, audience, edit):
    """The lesson with edit applied to one audience part's lines, the line count unchanged."""
    lines = text.split("\n")
    start = sample.body.parts[audience]
    end = next(i for i in range(start, len(lines)) if re.match(r"^:::\s*$", lines[i]))
    inside = edit("\n".join(lines[start:end]))
    assert inside.count("\n") == end - start - 1
    return "\n".join(lines[:start] + [inside] + lines[end:])


def with_quizzes(sample, text, sizes):
    """The lesson with its quizzes replaced by one quiz block per size, each of that many questions."""
    lines = text.split("\n")
    drop = set()
    for block in sample.body.blocks:
        if block.kind == "quiz":
            drop |= set(range(block.line - 2, block.line + block.text.count("\n") + 1))
    kept = "\n".join(line for i, line in enumerate(lines) if i not in drop).rstrip("\n") + "\n"
    return kept + "".join(f"\n```quiz\n{QUESTION * size}```\n" for size in sizes)


# The real content


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_each_real_lesson_passes_check(real_problems, path):
    assert [str(p) for p in real_problems if p.path == path] == []


def test_the_real_content_passes_check_with_zero_problems(real_problems):
    assert [str(p) for p in real_problems] == []


def test_check_command_says_ok_for_the_real_content():
    result = subprocess.run([sys.executable, "-m", "mdr_explainer.lessons.cli", "check", "--content",
                             str(REPO / "content")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: {len(LESSON_FILES)} lessons")


def test_the_reading_grade_rules_run_in_the_test_environment():
    assert readability.available()


def test_the_reading_grade_counts_syllables_itself_without_patching_textstat():
    """CMU pronunciations (first one), else hyphenation + 1; then 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    from textstat.backend.counts import _count_syllables

    text = "Cancer cells resist medicine. They don't pump it out."
    assert readability.words(text) == ["cancer", "cells", "resist", "medicine", "they", "don't", "pump", "it", "out"]
    assert [readability.syllables(w) for w in readability.words(text)] == [2, 1, 2, 3, 1, 1, 1, 1, 1]
    assert readability.flesch_kincaid_grade(text) == pytest.approx(0.39 * 9 / 2 + 11.8 * 13 / 9 - 15.59, abs=1e-12)
    assert "tariquidar" not in readability.pronunciations()
    assert readability.syllables("tariquidar") == len(readability.hyphenator().positions("tariquidar")) + 1
    assert readability.flesch_kincaid_grade("") == 0.0
    assert _count_syllables.get_cmudict.__module__.startswith("textstat.")  # textstat is left as installed


def test_the_sample_lesson_copied_alone_passes(tmp_path, sample, source):
    assert problems_for(tmp_path, sample, source)[1] == []


# One broken rule at a time, in a copy of a real lesson


@pytest.mark.parametrize("value,needle", [("One sentence. And another.", "has 2 sentences"),
                                          ("No sentence end", "has no sentence end"),
                                          ("Three! Sentences? Here.", "has 3 sentences")])
def test_key_message_is_one_sentence(tmp_path, sample, source, value, needle):
    text = set_field(source, "key_message", value)
    assert_only(problems_for(tmp_path, sample, text), line_of("key_message:", text), needle)


def test_reading_time_is_more_than_zero(tmp_path, sample, source):
    text = set_field(source, "reading_time", "0")
    assert_only(problems_for(tmp_path, sample, text), line_of("reading_time:", text), "`reading_time` is 0")


@pytest.mark.parametrize("count,ok", [(2, False), (3, True), (6, True), (7, False)])
def test_three_to_six_objectives(tmp_path, sample, source, count, ok):
    text = set_field(source, "objectives", "[" + ", ".join(f"Objective {i}." for i in range(count)) + "]")
    found = problems_for(tmp_path, sample, text)
    if ok:
        assert found[1] == []
    else:
        assert_only(found, line_of("objectives:", text), f"lesson has {count} `objectives`; list 3-6")


@pytest.mark.parametrize("count,ok", [(2, False), (3, True)])
def test_at_least_three_sources_cited(tmp_path, sample, source, count, ok):
    keys = sample.meta["references"][:count]
    turn = iter(range(10**6))
    text = re.sub(r"\[@[^\]\n]+\]", lambda m: f"[@{keys[next(turn) % count]}]", source)
    found = problems_for(tmp_path, sample, text)
    if ok:
        assert found[1] == []
    else:
        assert_only(found, sample.body.parts["student"], "cites 2 source(s); cite at least 3")


def test_patient_part_has_questions_for_the_care_team(tmp_path, sample, source):
    text = source.replace(editorial.CARE_TEAM, "Things to think about")
    assert_only(problems_for(tmp_path, sample, text), sample.body.parts["patient"],
                f'patient part has no "{editorial.CARE_TEAM}" section')


def test_care_team_section_lists_at_least_one_question(tmp_path, sample, source):
    def no_questions(part):
        lines, heading = part.split("\n"), None
        for i, line in enumerate(lines):
            if editorial.CARE_TEAM in line:
                heading = i
            elif heading is not None and editorial.QUESTION_ITEM.match(line):
                lines[i] = ""
        return "\n".join(lines)

    text = in_part(sample, source, "patient", no_questions)
    assert_only(problems_for(tmp_path, sample, text), line_of(editorial.CARE_TEAM, text),
                f'"{editorial.CARE_TEAM}" lists 0 question(s)')


def test_patient_part_reads_at_grade_eight_or_below(tmp_path, sample, source, monkeypatch):
    monkeypatch.setattr(editorial, "MAX_MEAN_PATIENT_GRADE", 100.0)  # only the per-lesson rule here
    text = in_part(sample, source, "patient", lambda part: part.replace("\n", "\n" + HARD, 1))
    assert_only(problems_for(tmp_path, sample, text), sample.body.parts["patient"], "patient part reads at grade")


@pytest.mark.parametrize("grade,ok", [(8.0, True), (8.01, False)])
def test_grade_eight_is_the_limit(tmp_path, sample, source, monkeypatch, grade, ok):
    monkeypatch.setattr(editorial, "MAX_MEAN_PATIENT_GRADE", 100.0)
    monkeypatch.setattr(readability, "patient_grade", lambda lesson, content: grade)
    found = problems_for(tmp_path, sample, source)
    if ok:
        assert found[1] == []
    else:
        assert_only(found, sample.body.parts["patient"], "reads at grade 8.0 (Flesch-Kincaid)")


def test_patient_parts_average_grade_seven_or_below_names_the_hardest(tmp_path, sample, source, monkeypatch):
    second = set_field(source, "slug", "second-copy").replace("::: student\n", "::: student\n" + RECALL, 1).replace(
        "::: teacher\n", "::: teacher\n```recall\n```\n", 1)  # a later lesson opens with questions from the last one
    grades = {sample.path.name: 6.5, "99-second.md": 7.9}
    monkeypatch.setattr(readability, "patient_grade", lambda lesson, content: grades[lesson.path.name])
    path, problems = problems_for(tmp_path, sample, source, extra={"99-second.md": second})
    assert [(p.path.name, p.line) for p in problems] == [("99-second.md", sample.body.parts["patient"])]
    assert "average grade 7.2 over 2 lesson(s), above 7" in problems[0].message


def test_reading_grade_rules_are_skipped_without_textstat(tmp_path, sample, source, monkeypatch):
    monkeypatch.setattr(readability, "available", lambda: False)
    monkeypatch.setattr(readability, "patient_grade", lambda lesson, content: 99.0)
    assert problems_for(tmp_path, sample, source)[1] == []


@pytest.mark.parametrize("pattern,replacement,needle", [
    (r"Model answer", "Answer", "teacher part has no model answer"),
    (r"misconception", "mistake", "teacher part names no misconceptions"),
    (r"15[- ]minute", "short", "teacher part has no 15-minute activity"),
    (r"preset", "setting", "teacher part names no widget preset"),
])
def test_teacher_part_pieces(tmp_path, sample, source, pattern, replacement, needle):
    text = in_part(sample, source, "teacher", lambda part: re.sub(pattern, replacement, part, flags=re.I))
    assert_only(problems_for(tmp_path, sample, text), sample.body.parts["teacher"], needle)


@pytest.mark.parametrize("label", ["What to notice", "Try this"])
def test_widgets_get_what_to_notice_and_try_this(tmp_path, sample, source, label):
    text = in_part(sample, source, "student", lambda part: part.replace(label, "Look"))
    first_widget = next(b for b in sample.body.blocks if b.kind == "widget")
    assert_only(problems_for(tmp_path, sample, text), first_widget.line - 1, f'never says "{label}"')


@pytest.mark.parametrize("sizes,ok", [([2], False), ([3], True), ([5], True), ([2, 1], True), ([3, 3], False)])
def test_three_to_five_quiz_questions_in_all(tmp_path, sample, source, sizes, ok):
    text = with_quizzes(sample, source, sizes)
    found = problems_for(tmp_path, sample, text)
    if ok:
        assert found[1] == []
    else:
        assert_only(found, line_of("```quiz", text), f"quizzes hold {sum(sizes)} question(s); a lesson asks 3-5")


def test_a_lesson_needs_a_quiz(tmp_path, sample, source):
    text = with_quizzes(sample, source, [])
    assert "```quiz" not in text
    assert_only(problems_for(tmp_path, sample, text), len(text.splitlines()), "lesson has no quiz")


def test_every_rule_is_run_and_documented():
    readme = (REPO / "content" / "README.md").read_text(encoding="utf-8")
    assert "## What check enforces" in readme
    for rule in editorial.LESSON_RULES + editorial.SITE_RULES:
        assert rule.__doc__ and "\n" not in rule.__doc__.strip(), rule.__name__
        assert f"`{rule.__name__}`" in readme, rule.__name__
