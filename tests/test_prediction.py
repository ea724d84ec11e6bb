"""Prediction questions as data: each widget asks two or three, tied to its presets, answered by its own model."""
from __future__ import annotations

import math

import pytest

from mdr_explainer.lessons.strings import site_text
from mdr_explainer.lessons.widget_html import WidgetInstance, widget_html
from mdr_explainer.widgets.framework.contract import runtime_model
from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.grid import build_cube
from mdr_explainer.widgets.framework.prediction import (CHOICE, Question, choice_for, comparison_values,
                                                        default_question, model_answer, question_problems,
                                                        question_values)
from mdr_explainer.widgets.framework.url_state import prediction_from_query
from mdr_explainer.widgets.framework.wording import missing_words
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

WIDGETS = sorted(REGISTRY)


@pytest.mark.parametrize("name", WIDGETS)
def test_every_widget_asks_two_or_three_sound_questions_with_all_their_words(name):
    widget = REGISTRY[name]
    assert 2 <= len(widget.questions) <= 3
    assert question_problems(widget) == []
    assert missing_words(widget, widget_text(widget.name)) == []
    assert len({q.name for q in widget.questions}) == len(widget.questions)


@pytest.mark.parametrize("name", WIDGETS)
def test_the_model_answer_is_the_output_the_plot_shows_at_the_question_state(name):
    widget = REGISTRY[name]
    for q in widget.questions:
        outputs = widget.run(question_values(widget, q))
        assert model_answer(widget, q) == outputs[q.answer]
        assert q.answer in widget.drawn_outputs  # stored in the grid the runtime reads


def test_a_choice_is_right_when_the_output_falls_in_its_range():
    q = Question(name="q", preset="p", answer="a", choices=(("low", 2.0), ("mid", 5.0), ("high", math.inf)))
    assert [choice_for(q, v) for v in (0.0, 1.99, 2.0, 4.9, 5.0, 1e9)] == ["low", "low", "mid", "mid", "high", "high"]
    assert comparison_values(q, "mid", 3.0, {"mid": "Middle"}) == {"predicted": "Middle", "actual": "Middle", "right": 1.0}
    assert comparison_values(q, "low", 30.0)["right"] == 0.0


def test_a_point_comparison_says_how_far_apart_prediction_and_model_are():
    widget = REGISTRY["drug_accumulation"]
    q = next(q for q in widget.questions if q.name == "most_pumped")
    actual = model_answer(widget, q)
    values = {**widget.run(question_values(widget, q)), **comparison_values(q, 60.0, actual)}
    sentence = render(widget_text(widget.name).need("predict", "most_pumped", "compare"), values)
    assert sentence.startswith(f"You predicted about 60%; the model shows {round(actual)}%:")
    assert values["gap"] == pytest.approx(60.0 - actual)


def test_pump_questions_are_answered_after_stepping_on():
    widget = REGISTRY["pump_cycle"]
    answers = {q.name: (model_answer(widget, q), choice_for(q, model_answer(widget, q))) for q in widget.questions}
    assert answers["atp_per_drug"] == (2.0, "two")  # two ATP per drug in this model (NOTE.md)
    assert answers["inhibited_moves"] == (0.0, "none")  # the blocked pump moves nothing


def test_a_question_naming_a_missing_preset_or_glyph_is_reported():
    from dataclasses import replace

    widget = REGISTRY["drug_accumulation"]
    broken = replace(widget, questions=(Question(name="x", preset="nope", answer="ratio_cell_pct"),
                                        Question(name="y", preset="mdr1_high", figure="steady", glyph="nope",
                                                 answer="ratio_cell_pct")))
    problems = question_problems(broken)
    assert any("no preset 'nope'" in p for p in problems) and any("no glyph 'nope'" in p for p in problems)
    assert all(p.startswith("widgets/drug_accumulation/spec.py: question") for p in problems)


QUERY_CASES = [
    ("", {"question": "most_pumped", "guess": None}),
    ("?predict=0", {"question": "", "guess": None}),
    ("?predict=inhibited&guess=33.3", {"question": "inhibited", "guess": 33.0}),
    ("?predict=nope&guess=abc", {"question": "most_pumped", "guess": None}),
    ("?preset=normal_cell", {"question": "reference_cell", "guess": None}),
    ("?guess=500", {"question": "most_pumped", "guess": 100.0}),
    ("?guess=-inf", {"question": "most_pumped", "guess": None}),
]


@pytest.mark.parametrize("query,expected", QUERY_CASES)
def test_links_choose_the_question_and_restore_the_guess(query, expected):
    assert prediction_from_query(REGISTRY["drug_accumulation"], "most_pumped", "", query) == expected


def test_instance_links_and_choice_guesses():
    widget = REGISTRY["dose_response"]
    assert prediction_from_query(widget, "resistant_fold", "dose_response-2.",
                                 "?dose_response-2.predict=blocked_fold&dose_response-2.guess=few_times") == {
        "question": "blocked_fold", "guess": "few_times"}
    assert prediction_from_query(widget, "resistant_fold", "dose_response-2.", "?dose_response-2.guess=nine")["guess"] is None
    assert prediction_from_query(widget, "resistant_fold", "dose_response-2.", "?predict=0&dose_response-2.predict=blocked_fold")["question"] == ""


def test_a_lesson_instance_asks_the_question_tied_to_its_preset():
    widget = REGISTRY["dose_response"]
    assert default_question(widget, widget.values_for("inhibitor_reversal")) == "blocked_fold"
    assert default_question(widget, widget.values_for("normal_cell")) == "resistant_fold"  # none tied: the first


@pytest.mark.parametrize("name", WIDGETS)
def test_the_page_and_the_runtime_carry_the_questions(name):
    widget, text = REGISTRY[name], site_text()
    html = widget_html(WidgetInstance(widget=name, id=name, url_key="", values=widget.defaults()), text, "../../")
    first = default_question(widget, widget.defaults())
    assert 'data-predict="asking"' in html and f'"question":"{first}"' in html
    for q in widget.questions:
        assert f'data-question="{q.name}"' in html
        assert widget_text(widget.name).need("predict", q.name, "why") in html.replace("&#39;", "'")
    model = runtime_model(widget, build_cube(widget, widget_text(widget.name)), widget_text(widget.name))
    assert [q["name"] for q in model["questions"]] == [q.name for q in widget.questions]
    for q, runtime in zip(widget.questions, model["questions"]):
        assert runtime["reveal"] == question_values(widget, q)
        if q.kind == CHOICE:
            assert runtime["choices"][-1]["upper"] is None


def test_a_lesson_preset_chooses_its_question_even_when_presets_share_values():
    widget = REGISTRY["tumor_evolution"]
    values = widget.values_for("continuous_dosing")
    assert values == widget.values_for("goldie_coldman")
    assert default_question(widget, values, "continuous_dosing") == "continuous_fails"
    assert default_question(widget, values, "goldie_coldman") == "million_cells"
