"""'From last time' questions and worked-then-faded examples: parsed, checked like quizzes, rendered with answers hidden."""
from __future__ import annotations

import re

import pytest

from conftest import LESSON, make_content
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.problems import ContentError
from mdr_explainer.lessons.site_model import lesson_page
from mdr_explainer.lessons.strings import site_text

RECALL = """```recall
- question: What does the pump push out?
  answer: Drugs [@smith2020].
- question: What powers it?
  answer: ATP.
```
"""
WORKED = """```worked
title: fold resistance
rule: resistant IC50 ÷ parent IC50.
fade: 2
steps: [Write both IC50s in one unit., Divide., Say what it means.]
problems:
  - given: Parent 2 nM, resistant 20 nM.
    results: [2 nM and 20 nM., 20 ÷ 2 = 10., Ten times the drug.]
  - given: Parent 1 nM, resistant 50 nM.
    results: [1 nM and 50 nM., 50 ÷ 1 = 50., Fifty times the drug.]
  - given: Parent 3 nM, resistant 1.2 µM.
    results: [3 nM and 1200 nM., 1200 ÷ 3 = 400., 400 times the drug.]
```
"""


def second_lesson(student_top: str = RECALL + "\n" + WORKED, teacher_top: str = "```recall\n```\n") -> str:
    """A second lesson (slug tiny-two) whose student and teacher parts open with the given blocks."""
    text = LESSON.replace("slug: tiny", "slug: tiny-two").replace("title: A tiny lesson", "title: The second lesson")
    return text.replace("::: student\n", "::: student\n" + student_top + "\n").replace(
        "::: teacher\n", "::: teacher\n" + teacher_top + "\n")


def content_with(tmp_path, second: str):
    """Two lessons: the conftest's tiny lesson, then `second`."""
    return make_content(tmp_path / "content", extra={"lessons/02-two.md": second})


def problems_of(tmp_path, second: str) -> list[str]:
    """Every problem `check` reports for the two-lesson content, as text."""
    with pytest.raises(ContentError) as err:
        load_content(content_with(tmp_path, second))
    return [str(p) for p in err.value.problems]


def test_recall_and_worked_blocks_load_and_an_empty_recall_repeats_the_first(tmp_path):
    content = load_content(content_with(tmp_path, second_lesson()))
    recalls = [b for b in content.lessons[1].body.blocks if b.kind == "recall"]
    assert [b.audience for b in recalls] == ["student", "teacher"]
    assert recalls[1].data == recalls[0].data and len(recalls[0].data) == 2
    worked = next(b for b in content.lessons[1].body.blocks if b.kind == "worked")
    assert worked.data["fade"] == 2 and len(worked.data["problems"]) == 3


@pytest.mark.parametrize("block, fix", [
    (RECALL.replace("  answer: ATP.\n", ""), "question 2 needs `answer:` text"),
    (RECALL.replace("- question: What powers it?\n  answer: ATP.\n", ""), "a recall block is a YAML list of 2 questions"),
    (RECALL.replace("  answer: ATP.\n", "  answer: ATP.\n  hint: energy\n"), "question 2 has unknown key `hint`"),
    (RECALL.replace("[@smith2020]", "[@nobody1999]"), "unknown citation key 'nobody1999'"),
    (RECALL + "\n" + WORKED.replace("fade: 2", "fade: 4"), "`fade` must be the number (1-3)"),
    (RECALL + "\n" + WORKED.replace("    results: [3 nM and 1200 nM., 1200 ÷ 3 = 400., 400 times the drug.]\n",
                                    "    results: [3 nM and 1200 nM.]\n"), "problem 3 needs `given:` text and `results:`"),
    (RECALL + "\n" + WORKED.replace("title: fold resistance\n", "title: fold resistance\nhint: x\n"),
     "unknown worked-example key `hint`"),
])
def test_a_bad_block_is_reported_with_its_file_line_and_fix(tmp_path, block, fix):
    found = problems_of(tmp_path, second_lesson(student_top=block))
    hits = [p for p in found if fix in p]
    assert hits, found
    assert re.match(r".*02-two\.md:\d+: ", hits[0])


def test_later_lessons_must_open_their_student_and_teacher_parts_with_recall(tmp_path):
    found = problems_of(tmp_path, second_lesson(student_top="", teacher_top=""))
    assert sum("part must open with a ```recall block" in p for p in found) == 2
    first = LESSON.replace("::: student\n", "::: student\n" + RECALL)
    with pytest.raises(ContentError) as err:
        load_content(make_content(tmp_path / "first", lesson=first))
    assert any("the first lesson has no lesson before it" in str(p) for p in err.value.problems)


def test_an_empty_recall_needs_written_questions_somewhere(tmp_path):
    found = problems_of(tmp_path, second_lesson(student_top="```recall\n```\n"))
    assert any("none are written; add two" in p for p in found)


def test_recall_and_worked_render_with_answers_behind_disclosures(tmp_path):
    content = load_content(content_with(tmp_path, second_lesson()))
    page = lesson_page(content.lessons[1], content, site_text("en"), 1)
    parts = {s["audience"]: s["html"] for s in page.context["sections"]}
    student = parts["student"]
    assert student.index("From last time") < student.index("Worked example, then your turn") < student.index("Cited")
    assert 'href="../tiny/index.html">A tiny lesson</a>' in student
    assert re.search(r"<details><summary>Show answer 2</summary><p>ATP\.</p></details>", student)
    # problem 1 shows every result; problem 2 hides step 2 only; problem 3 hides every result
    problems = student.split('<div class="worked-problem">')[1:]
    assert problems[0].count('class="worked-result"') == 3 and "<details>" not in problems[0]
    assert problems[1].count('class="worked-result"') == 2 and "Show step 2" in problems[1] and "50 ÷ 1 = 50." in problems[1]
    assert 'class="worked-result"' not in problems[2] and "Show the worked answer" in problems[2]
    teacher = parts["teacher"]
    assert "From last time" in teacher and "What powers it?" in teacher
