"""Loading lessons: valid content loads; every kind of bad content names its file and line."""
import re

import pytest

from mdr_explainer.lessons.catalog import Catalog, Term
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.markup import CitationOrder, render_markdown
from mdr_explainer.lessons.parse import AUDIENCES
from mdr_explainer.lessons.problems import ContentError
from conftest import LESSON, REPO, line_of, make_content


def problems_for(tmp_path, lesson=LESSON, extra=None):
    """The problems reported for a content folder (empty list if it loads)."""
    root = make_content(tmp_path / "c", lesson, extra)
    try:
        load_content(root)
    except ContentError as err:
        return err.problems
    return []


def only(problems, needle):
    """The single problem whose message contains needle."""
    hits = [p for p in problems if needle in p.message]
    assert hits, f"no problem mentions {needle!r}: {[str(p) for p in problems]}"
    return hits[0]


def test_valid_content_loads_with_parts_widgets_and_quiz(content_dir):
    content = load_content(content_dir)
    lesson = content.lessons[0]
    assert lesson.slug == "tiny"
    assert set(lesson.body.parts) == set(AUDIENCES)
    kinds = [b.kind for b in lesson.body.blocks]
    assert "widget" in kinds and "quiz" in kinds
    assert lesson.widget_names() == ["drug_accumulation"]


def test_unknown_widget_names_the_line(tmp_path):
    problem = only(problems_for(tmp_path, LESSON.replace("widget drug_accumulation", "widget flux_capacitor")),
                   "unknown widget 'flux_capacitor'")
    assert problem.line == line_of("```widget drug_accumulation")
    assert problem.path.name == "01-tiny.md"


def test_unknown_citation_key_names_the_line(tmp_path):
    problem = only(problems_for(tmp_path, LESSON.replace("[@smith2020; @jones2021]", "[@nobody1999]")),
                   "unknown citation key 'nobody1999'")
    assert problem.line == line_of("[@smith2020; @jones2021]")


def test_citation_not_listed_in_front_matter(tmp_path):
    lesson = LESSON.replace("references: [smith2020, jones2021, lee2022]", "references: [smith2020, lee2022]")
    only(problems_for(tmp_path, lesson), "not in the front matter")


def test_unknown_glossary_term_names_the_line(tmp_path):
    problem = only(problems_for(tmp_path, LESSON.replace("[[P-gp]]", "[[flux capacitor]]")), "unknown glossary term")
    assert problem.line == line_of("[[P-gp]]")


def test_bad_yaml_names_the_line(tmp_path):
    lesson = LESSON.replace("reading_time: 3", "reading_time: [3")
    problem = only(problems_for(tmp_path, lesson), "YAML error")
    assert 2 <= problem.line <= 8


def test_missing_required_field(tmp_path):
    only(problems_for(tmp_path, LESSON.replace("key_message: Pumps push drugs out.\n", "")), "lacks `key_message`")


def test_empty_file(tmp_path):
    problem = only(problems_for(tmp_path, extra={"lessons/02-empty.md": ""}), "empty")
    assert problem.path.name == "02-empty.md" and problem.line == 1


def test_non_utf8_bytes_name_the_line(tmp_path):
    bad = LESSON.encode().replace(b"Notes.", b"Notes \xff\xfe.")
    problem = only(problems_for(tmp_path, extra={"lessons/02-bad.md": bad}), "not UTF-8")
    assert problem.line == line_of("Notes.")


def test_duplicate_slug(tmp_path):
    problem = only(problems_for(tmp_path, extra={"lessons/02-copy.md": LESSON}), "already used")
    assert problem.path.name == "02-copy.md" and problem.line == line_of("slug:")


@pytest.mark.parametrize("value,needle", [("99", "outside its range"), ("lots", "must be a number")])
def test_preset_or_param_value_out_of_range_or_not_a_number(tmp_path, value, needle):
    lesson = LESSON.replace("preset: mdr1_high", f"params: {{inhibitor: {value}}}")
    problem = only(problems_for(tmp_path, lesson), needle)
    assert problem.line == line_of("preset: mdr1_high")


def test_unknown_preset(tmp_path):
    only(problems_for(tmp_path, LESSON.replace("preset: mdr1_high", "preset: warp_speed")), "no preset 'warp_speed'")


def test_part_never_closed_and_nested(tmp_path):
    lesson = LESSON.replace("Notes.\n:::", "Notes.\n::: patient\nmore")
    problems = problems_for(tmp_path, lesson)
    only(problems, "opens inside part `teacher`")
    only(problems, "never closed")


def test_quiz_needs_exactly_one_correct_choice(tmp_path):
    only(problems_for(tmp_path, LESSON.replace("      correct: true\n", "")), "exactly one choice")


def test_every_problem_is_reported_at_once(tmp_path):
    lesson = LESSON.replace("[@smith2020; @jones2021]", "[@nobody1999]").replace("[[P-gp]]", "[[nothing]]")
    problems = problems_for(tmp_path, lesson)
    assert len(problems) >= 2
    assert all(str(p).startswith(str(p.path)) and f":{p.line}: " in str(p) for p in problems)


def test_the_real_lessons_load_without_problems_one_lesson_per_file_in_file_order():
    content = load_content(REPO / "content")
    files = sorted((REPO / "content" / "lessons").glob("*.md"))
    assert files and [lesson.path for lesson in content.lessons] == files


def test_citations_and_terms_in_code_stay_literal_and_are_not_checked(tmp_path):
    """`[@key]` and `[[term]]` inside a code span or a fenced block are text, so no unknown-key error."""
    code = "Write `[@nobody1999]` or `[[flux capacitor]]` to cite.\n\n```\n[@nobody1999]\n```\n"
    lesson = LESSON.replace("Cited [@smith2020; @jones2021] and [@lee2022].", f"Cited [@smith2020; @jones2021] and [@lee2022].\n\n{code}")
    root = make_content(tmp_path / "c", lesson)
    content = load_content(root)
    student = next(b for b in content.lessons[0].body.blocks if b.kind == "markdown" and b.audience == "student")
    html = render_markdown(student.text, content.catalog, CitationOrder(), "")
    assert "<code>[@nobody1999]</code>" in html and "<code>[[flux capacitor]]</code>" in html
    assert "<pre><code>[@nobody1999]\n</code></pre>" in html
    assert html.count('<sup class="cite">') == 2 and 'href="#ref-lee2022"' in html


def test_unknown_citation_beside_a_code_span_still_names_its_line(tmp_path):
    lesson = LESSON.replace("Cited [@smith2020; @jones2021] and [@lee2022].",
                            "Cited [@smith2020; @jones2021] and [@lee2022].\n\nLiteral `[@smith2020]`, then [@nobody1999].")
    problem = only(problems_for(tmp_path, lesson), "unknown citation key 'nobody1999'")
    assert (problem.path.name, problem.line) == ("01-tiny.md", line_of("Literal `[@smith2020]`", lesson))


def test_citations_are_numbered_in_page_order_and_terms_work_in_table_cells():
    """Numbers follow first appearance even in nested lists; a table cell may hold [[shown|term]]."""
    catalog = Catalog(terms={}, spellings={"p-gp": Term(term="P-glycoprotein", definition='Pumps "drugs" out.')})
    text = "- outer [@b]\n    - inner [@a]\n\nThen [@a; @c].\n\n| pump | note |\n| --- | --- |\n| [[the pump|P-gp]] | [@c] |\n"
    html = render_markdown(text, catalog, CitationOrder(), "../")
    numbers = re.findall(r'href="#ref-(\w+)"[^>]*>(\d+)<', html)
    assert numbers == [("b", "1"), ("a", "2"), ("a", "2"), ("c", "3"), ("c", "3")]
    assert '<td><a class="term" href="../glossary/index.html#term-p-glycoprotein" title="Pumps &quot;drugs&quot; out."' in html
    assert html.count("<td>") == 2
