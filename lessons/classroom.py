"""What a class needs from a lesson: teacher sections, widget tasks, discussion answers, quiz and preset links.

The lesson conventions it reads are the ones `check` enforces (lessons/editorial.py): a
`## Common misconceptions` section, a `## 15-minute class activity` section, discussion questions
each followed by `<details markdown="1"><summary>Model answer</summary>`, and a `**Try this:**`
paragraph after each widget in the student part.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .content import Lesson

HEADING = re.compile(r"^## +(.+?)\s*$", re.M)
MISCONCEPTIONS = re.compile(r"misconception", re.I)
ACTIVITY = re.compile(r"15[- ]minute", re.I)
MODEL_ANSWER = re.compile(r'<details markdown="1">\s*<summary>Model answer</summary>\s*(.*?)</details>', re.S)
TRY_THIS = re.compile(r"^(\*\*Try this:\*\*.+?)(?:\n\s*\n|\Z)", re.M | re.S)
PRESET_LINK = re.compile(r"\.\./embed/([a-z_]+)/index\.html\?preset=([a-z_0-9]+)")
LEADING_NUMBER = re.compile(r"^\d+\.\s+")
EMBED_HEIGHT = 760
CARTRIDGE_PATH = "course/why-chemo-stops-working.imscc"


@dataclass(frozen=True)
class Discussion:
    """One discussion question and its model answer (Markdown)."""

    question: str
    answer: str


@dataclass(frozen=True)
class Task:
    """A widget task from the student part: the widget, its preset and the "Try this" prompt."""

    widget: str
    preset: str | None
    params: dict
    prompt: str


@dataclass
class TeacherNotes:
    """The teacher part split into the sections a class uses."""

    misconceptions: str = ""
    activity_title: str = ""
    activity: str = ""
    discussions: list[Discussion] = field(default_factory=list)
    other: list[tuple[str, str]] = field(default_factory=list)


def embed_snippet(src: str, title: str, height: int = EMBED_HEIGHT) -> str:
    """The iframe a teacher pastes: only src, title, width and height, which Canvas and Moodle keep.

    Parity: snippet() in site/static/mdr-class.js writes the same markup.
    """
    return (f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
            f'width="100%" height="{int(height)}"></iframe>')


def site_url(base_url: str | None, page_path: str, href: str) -> str:
    """href (relative to the page at page_path) from the site root, absolute when base_url is known."""
    from posixpath import dirname, normpath

    resolved = normpath(f"{dirname(page_path)}/{href}") if dirname(page_path) else normpath(href)
    return f"{base_url.rstrip('/')}/{resolved}" if base_url else resolved


def teacher_text(lesson: Lesson) -> str:
    """The Markdown of the teacher part."""
    return "\n\n".join(b.text for b in lesson.body.blocks if b.audience == "teacher" and b.kind == "markdown")


def sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) for each `## ` section of a Markdown text."""
    found = list(HEADING.finditer(markdown))
    return [(m.group(1), markdown[m.end(): found[i + 1].start() if i + 1 < len(found) else len(markdown)].strip())
            for i, m in enumerate(found)]


def discussions(markdown: str) -> list[Discussion]:
    """Questions (the text before each model answer) paired with their model answers."""
    pairs, start = [], 0
    for match in MODEL_ANSWER.finditer(markdown):
        question = LEADING_NUMBER.sub("", markdown[start: match.start()].strip())
        pairs.append(Discussion(question=question, answer=match.group(1).strip()))
        start = match.end()
    return pairs


def teacher_notes(lesson: Lesson) -> TeacherNotes:
    """The teacher part's misconceptions, activity and discussion questions."""
    notes = TeacherNotes()
    for heading, body in sections(teacher_text(lesson)):
        if MISCONCEPTIONS.search(heading):
            notes.misconceptions = body
        elif ACTIVITY.search(heading):
            notes.activity_title, notes.activity = heading, body
        elif MODEL_ANSWER.search(body):
            notes.discussions = discussions(body)
        else:
            notes.other.append((heading, body))
    return notes


def tasks(lesson: Lesson) -> list[Task]:
    """Each student-part widget with the "Try this" prompt written after it."""
    found: list[Task] = []
    current = None
    for block in lesson.body.blocks:
        if block.audience != "student":
            continue
        if block.kind == "widget":
            current = block
        elif block.kind == "markdown" and current is not None:
            match = TRY_THIS.search(block.text)
            if match:
                found.append(Task(widget=current.name, preset=current.data.get("preset"),
                                  params=dict(current.data.get("params") or {}), prompt=match.group(1).strip()))
                current = None
    return found


def preset_links(markdown: str) -> list[tuple[str, str]]:
    """(widget, preset) for each embed link in a text, first mention first, without repeats."""
    return list(dict.fromkeys(PRESET_LINK.findall(markdown)))


def quiz_questions(lesson: Lesson) -> list[dict]:
    """Every quiz question of a lesson, in order."""
    return [q for b in lesson.body.blocks if b.kind == "quiz" for q in b.data]


def task_view(task: Task, text) -> dict:
    """A task's widget, preset, prompt and what the plot shows at that preset (sentence and readouts)."""
    from mdr_explainer.widgets.framework.texts import SENTENCE, display_texts
    from mdr_explainer.widgets.registry import REGISTRY

    widget = REGISTRY[task.widget]
    words = text.widget(task.widget)
    values = widget.values_for(task.preset, task.params)
    texts = display_texts(widget, values, widget.run(values), words, text.locale)
    return {"widget": task.widget, "title": words.title, "preset": task.preset,
            "preset_title": words.preset(task.preset) if task.preset else "", "sentence": texts[SENTENCE],
            "readouts": [{"label": words.readout(r.key, "label"), "value": texts[r.key],
                          "unit": words.readout(r.key, "unit")} for r in widget.readouts]}


def prediction_view(widget_name: str, question, text, root: str) -> dict:
    """A prediction question for the sheets: where to open it, the question, its options, the model's answer and why."""
    from mdr_explainer.widgets.framework.describe import render
    from mdr_explainer.widgets.framework.prediction import CHOICE, choice_for, comparison_values, question_values
    from mdr_explainer.widgets.registry import REGISTRY

    widget, words = REGISTRY[widget_name], text.widget(widget_name)
    key = ("predict", question.name)
    values = question_values(widget, question)
    outputs = widget.run(values)
    actual = outputs[question.answer]
    labels = {k: words.need(*key, "choices", k) for k, _ in question.choices}
    predicted = choice_for(question, actual) if question.kind == CHOICE else actual
    answer = render(words.need(*key, "answer"), {**values, **outputs, **comparison_values(question, predicted, actual, labels)},
                    text.locale)
    return {"widget": widget_name, "name": question.name, "title": words.title, "preset": question.preset,
            "preset_title": words.preset(question.preset), "question": words.need(*key, "question"),
            "choices": list(labels.values()), "answer": answer, "why": words.need(*key, "why"),
            "href": f"{root}embed/{widget_name}/index.html?preset={question.preset}&predict={question.name}"}


def predictions(found_tasks: list[Task], text, root: str) -> list[dict]:
    """Every prediction question of the widgets a lesson's tasks use, widget by widget, in lesson order."""
    from mdr_explainer.widgets.registry import REGISTRY

    names = dict.fromkeys(t.widget for t in found_tasks)
    return [prediction_view(name, q, text, root) for name in names for q in REGISTRY[name].questions]


def sheet_context(lesson: Lesson, content, text, root: str) -> dict:
    """Rendered pieces for a lesson's worksheet, answer key and teacher page (one citation order)."""
    from .markup import CitationOrder, render_inline, render_markdown
    from .html_text import plain_text

    order = CitationOrder()

    def md(source: str, prefix: str = "") -> str:
        return render_markdown(source, content.catalog, order, root, id_prefix=prefix)

    def inline(source: str) -> str:
        return render_inline(source, content.catalog, order, root)

    notes = teacher_notes(lesson)
    quiz = [{"question": inline(str(q["question"])),
             "choices": [{"text": inline(str(c["text"])), "correct": bool(c.get("correct")),
                          "feedback": plain_text(inline(str(c["feedback"])))} for c in q["choices"]]}
            for q in quiz_questions(lesson)]
    found_tasks = tasks(lesson)
    context = {
        "lesson": lesson,
        "tasks": [dict(task_view(t, text), prompt=inline(t.prompt)) for t in found_tasks],
        "predictions": predictions(found_tasks, text, root),
        "discussions": [{"question": md(d.question), "answer": md(d.answer)} for d in notes.discussions],
        "misconceptions": md(notes.misconceptions, "misconceptions"),
        "activity_title": notes.activity_title,
        "activity": md(notes.activity, "activity"),
        "preset_links": [{"widget": w, "preset": p, "title": text.widget(w).title,
                          "preset_title": text.widget(w).preset(p),
                          "href": f"{root}embed/{w}/index.html?preset={p}"} for w, p in preset_links(notes.activity)],
        "quiz": quiz,
    }
    context["references"] = [content.catalog.references[k] for k in order.keys]
    return context
