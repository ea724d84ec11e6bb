"""Retrieval and worked examples as HTML: "From last time" questions and a worked-then-faded example."""
from __future__ import annotations

from .content import Content, Lesson
from .markup import CitationOrder, render_inline
from .parse import Block
from .templating import environment


def previous_lesson(lesson: Lesson, content: Content) -> Lesson | None:
    """The lesson before this one in the course, if any."""
    lessons = content.lessons
    position = lessons.index(lesson) if lesson in lessons else 0
    return lessons[position - 1] if position else None


def recall_html(block: Block, index: int, lesson: Lesson, content: Content, order: CitationOrder, root: str, text) -> str:
    """Two questions on the last lesson, each answer behind a disclosure."""
    inline = lambda s: render_inline(str(s), content.catalog, order, root)  # noqa: E731
    questions = [{"question": inline(q["question"]), "answer": inline(q["answer"])} for q in block.data]
    return environment().get_template("partials/recall.html").render(
        questions=questions, recall_id=f"{block.audience}-recall{index}", previous=previous_lesson(lesson, content),
        root=root, t=text)


def worked_html(block: Block, index: int, content: Content, order: CitationOrder, root: str, text) -> str:
    """Problem 1 worked in full, problem 2 with step `fade` blank, problem 3 for the learner alone."""
    data = block.data
    inline = lambda s: render_inline(str(s), content.catalog, order, root)  # noqa: E731
    steps = [inline(s) for s in data["steps"]]
    problems = [{"given": inline(p["given"]), "results": [inline(r) for r in p["results"]]} for p in data["problems"]]
    return environment().get_template("partials/worked.html").render(
        title=inline(data["title"]), rule=inline(data["rule"]), steps=steps, problems=problems, fade=data["fade"],
        worked_id=f"{block.audience}-worked{index}", t=text)
