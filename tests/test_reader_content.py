"""Reader features in the content: the patient's key message, icon arrays and the table of contents."""
import pytest

from mdr_explainer.lessons.build import build_site
from conftest import LESSON, line_of
from test_content_loading import only, problems_for

ICONS = '```icons\ncount: 20\nof: 100\nlabel: "About 20 of 100 [@smith2020]."\n```\n'


def test_patient_message_is_required(tmp_path):
    text = LESSON.replace("patient_message: Some cells have pumps that push drugs out.\n", "")
    only(problems_for(tmp_path, text), "lacks `patient_message`")


def test_patient_message_must_read_at_grade_six(tmp_path):
    hard = ("patient_message: Pharmacological inhibition of transmembrane efflux transporters "
            "substantially increases intracellular chemotherapeutic accumulation.\n")
    text = LESSON.replace("patient_message: Some cells have pumps that push drugs out.\n", hard)
    problem = only(problems_for(tmp_path, text), "reads at grade")
    assert problem.line == line_of("patient_message:", text)


def test_icons_block_renders_an_array_with_its_words(tmp_path):
    text = LESSON.replace("Plain words about [[P-gp]].\n", "Plain words about [[P-gp]].\n\n" + ICONS)
    content = tmp_path / "c"
    from conftest import make_content

    make_content(content, text)
    build_site(content, tmp_path / "site")
    html = (tmp_path / "site" / "tiny" / "index.html").read_text(encoding="utf-8")
    array = html.split('<figure class="icon-array">')[1].split("</figure>")[0]
    assert array.count('class="filled"') == 20 and array.count('class="empty"') == 80
    assert '<span class="big">20 of 100</span>' in array and 'href="#ref-smith2020"' in array


@pytest.mark.parametrize("body, needle", [
    ("count: 120\nof: 100\nlabel: x", "`count` must be a whole number from 0 to 100"),
    ("count: 5\nof: 0\nlabel: x", "`of` must be a whole number from 1 to 200"),
    ("count: 5\nof: 10", "`label` must say in words"),
    ("count: 5\nof: 10\nlabel: x\ncolour: red", "unknown icons option `colour`"),
])
def test_bad_icons_blocks_name_their_line(tmp_path, body, needle):
    block = f"```icons\n{body}\n```\n"
    text = LESSON.replace("Plain words about [[P-gp]].\n", "Plain words about [[P-gp]].\n\n" + block)
    problem = only(problems_for(tmp_path, text), needle)
    assert line_of("```icons", text) <= problem.line <= line_of("```icons", text) + 5
