"""Predict, observe, explain: a widget's questions as data, and the model's answer to each.

A Question starts from one of the widget's presets and asks for one scalar model output, either
as a point on a figure (the reader drags a marker at the x of a named glyph; the answer is that
glyph's y) or as a choice among ranges of the output. The reader's prediction is compared with
the model's output at the question's state: the preset plus `answer_at` (values the widget moves
to when the answer is revealed). Words (question, choices, comparison sentence, why) live in the
widget's strings file under `predict.<name>`; the runtime's twin of `comparison_values` and
`choice_for` is in site/static/mdr-model.js.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

POINT, CHOICE = "point", "choice"


@dataclass(frozen=True, kw_only=True)
class Question:
    """One prediction question: the preset it starts from, how the reader answers, which output answers.

    figure, glyph: (point) the figure and the glyph (its strings key) whose x the marker sits at and
    whose y is the answer. choices: (choice) (option key, upper bound) pairs, bounds ascending,
    the last one inf; the right option is the first whose bound is above the output. bounds, step:
    (point) the range and step of the marker (default: the figure's y range, 1/100 of it).
    """

    name: str
    preset: str
    answer: str
    figure: str = ""
    glyph: str = ""
    choices: tuple[tuple[str, float], ...] = ()
    answer_at: dict = field(default_factory=dict)
    bounds: tuple[float, float] | None = None
    step: float = 0.0

    @property
    def kind(self) -> str:
        """"choice" if the reader picks an option, else "point"."""
        return CHOICE if self.choices else POINT


def question_values(widget, question: Question) -> dict:
    """Parameter values at which the model answers: the preset, then answer_at."""
    return widget.values_for(question.preset, question.answer_at)


def model_answer(widget, question: Question) -> float:
    """The model's output that answers the question (from the widget's own compute)."""
    return float(widget.run(question_values(widget, question))[question.answer])


def choice_for(question: Question, value: float) -> str:
    """The option whose range holds a value (parity: choiceFor in mdr-model.js)."""
    for key, upper in question.choices:
        if value < upper:
            return key
    return question.choices[-1][0]


def comparison_values(question: Question, predicted, actual: float, labels: dict | None = None) -> dict:
    """What the comparison sentence reads (and only this): predicted, actual, gap (point) or right (choice).

    For a choice, predicted is the option key and predicted/actual become the options' words.
    Parity: comparisonValues in mdr-model.js.
    """
    if question.kind == CHOICE:
        right = choice_for(question, actual)
        words = labels or {}
        return {"predicted": words.get(predicted, predicted), "actual": words.get(right, right),
                "right": 1.0 if predicted == right else 0.0}
    return {"predicted": float(predicted), "actual": actual, "gap": abs(float(predicted) - actual)}


def marker_range(question: Question, figure) -> tuple[float, float, float]:
    """(low, high, step) of a point question's marker."""
    low, high = question.bounds or figure.y_range
    return float(low), float(high), float(question.step or (high - low) / 100.0)


def question_problems(widget) -> list[str]:
    """Everything wrong with a widget's questions, each naming the widget, the question and the fix."""
    problems = []
    figures = {f.name: f for f in widget.figures}
    presets = {p.name for p in widget.presets}
    for q in widget.questions:
        where = f"widgets/{widget.name}/spec.py: question {q.name}"
        if q.preset not in presets:
            problems.append(f"{where}: no preset {q.preset!r}; name one of {', '.join(sorted(presets))}")
            continue
        outputs = widget.run(question_values(widget, q))
        if not isinstance(outputs.get(q.answer), float):
            problems.append(f"{where}: answer {q.answer!r} is not a scalar output of the model; name one")
        if q.kind == CHOICE:
            uppers = [u for _, u in q.choices]
            if uppers != sorted(uppers) or not math.isinf(uppers[-1]):
                problems.append(f"{where}: choice bounds must ascend and end with inf")
            continue
        fig = figures.get(q.figure)
        glyph = next((g for g in fig.glyphs if g.text_key == q.glyph), None) if fig else None
        if glyph is None:
            problems.append(f"{where}: no glyph {q.glyph!r} in figure {q.figure!r}; name a drawn glyph")
        elif glyph.y != q.answer or fig.y_scale != "linear" or not fig.axes:
            problems.append(f"{where}: a point answer must be the y of its glyph on a linear axis")
    return problems


def question_words(question: Question) -> list[tuple[str, ...]]:
    """The strings keys a question needs."""
    base = ("predict", question.name)
    keys = [base + ("question",), base + ("compare",), base + ("why",), base + ("answer",)]
    if question.kind == CHOICE:
        keys += [base + ("choices", key) for key, _ in question.choices]
    else:
        keys.append(base + ("marker",))
    return keys


def glyph_index(widget, question: Question) -> int:
    """Index of a point question's glyph in its figure (-1 for a choice)."""
    if question.kind == CHOICE:
        return -1
    fig = next(f for f in widget.figures if f.name == question.figure)
    return next(i for i, g in enumerate(fig.glyphs) if g.text_key == question.glyph)


def default_question(widget, values: dict, preset: str | None = None) -> str:
    """The question a widget asks first: the one tied to its preset, else one whose preset gives its values, else the first."""
    for q in widget.questions:
        if preset and q.preset == preset:
            return q.name
    for q in widget.questions:
        if widget.values_for(q.preset) == values:
            return q.name
    return widget.questions[0].name if widget.questions else ""
