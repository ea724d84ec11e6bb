"""Teachers' tools without a browser: lesson extraction, worksheet/key/teacher pages, oEmbed, snippets, cartridge."""
from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from mdr_explainer.lessons import classroom
from mdr_explainer.lessons.cartridge import CP, LOM, WL
from mdr_explainer.lessons.classroom import CARTRIDGE_PATH, embed_snippet
from mdr_explainer.lessons.content import load_content
from mdr_explainer.widgets.framework.url_state import values_from_query
from mdr_explainer.widgets.framework.wording import widget_text
from mdr_explainer.widgets.registry import REGISTRY

from conftest import REPO

LESSONS = load_content(REPO / "content").lessons


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.slug)
def test_every_lesson_yields_what_a_class_needs(lesson):
    notes = classroom.teacher_notes(lesson)
    assert notes.misconceptions.startswith("- "), "misconceptions section is a list"
    assert re.search(r"15[- ]minute", notes.activity_title, re.I)
    assert notes.discussions and all(d.question and d.answer for d in notes.discussions)
    assert not any("<details" in d.question or "Model answer" in d.question for d in notes.discussions)
    assert classroom.tasks(lesson), "every lesson has a widget with a Try this prompt"
    links = classroom.preset_links(notes.activity)
    assert links and all(p in {x.name for x in REGISTRY[w].presets} for w, p in links)


def test_discussion_numbers_are_stripped_and_answers_paired():
    text = ('1. Why?\n\n<details markdown="1"><summary>Model answer</summary>\nBecause.\n</details>\n\n'
            '2. How?\n\n<details markdown="1"><summary>Model answer</summary>\nLike so.\n</details>')
    assert classroom.discussions(text) == [classroom.Discussion("Why?", "Because."),
                                           classroom.Discussion("How?", "Like so.")]


def test_embed_snippet_uses_only_attributes_lms_filters_keep():
    snippet = embed_snippet('https://x.org/embed/a/index.html?preset=b&c=1', 'A "title"')
    tag = ET.fromstring(snippet)
    assert tag.tag == "iframe" and set(tag.attrib) == {"src", "title", "width", "height"}
    assert tag.attrib["src"] == "https://x.org/embed/a/index.html?preset=b&c=1"
    assert tag.attrib["title"] == 'A "title"'


def test_site_url_resolves_from_the_page():
    assert classroom.site_url(None, "a/teach/index.html", "../../embed/w/index.html") == "embed/w/index.html"
    assert classroom.site_url("https://h.org/mdr", "embed/w/index.html", "oembed.json") == "https://h.org/mdr/embed/w/oembed.json"


def test_instance_keys_in_python_mirror():
    widget = REGISTRY["tumor_evolution"]
    start = widget.values_for("continuous_dosing")
    query = "tumor_evolution-2.strategy=adaptive&tumor_evolution.strategy=1&tumor_evolution-2.log10_mutation_rate=99"
    second = values_from_query(widget, start, "tumor_evolution-2.", query)
    assert second["strategy"] == 1 and second["log10_mutation_rate"] == -4.0
    third = values_from_query(widget, start, "tumor_evolution-3.", query + "&tumor_evolution-3.competition=abc")
    assert third == start


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.slug)
def test_worksheet_has_tasks_and_quiz_but_no_answers(built_site, lesson):
    site, _ = built_site
    sheet = page(site, f"{lesson.slug}/worksheet/index.html")
    notes = classroom.teacher_notes(lesson)
    for objective in lesson.meta["objectives"]:
        assert html.escape(objective, quote=False) in sheet or objective in html.unescape(sheet)
    assert sheet.count('class="sheet-task"') == len(classroom.tasks(lesson))
    assert sheet.count('class="answer-space"') >= len(classroom.tasks(lesson)) + len(notes.discussions)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", sheet)))
    feedback = [str(c["feedback"]) for q in classroom.quiz_questions(lesson) for c in q["choices"]]
    assert not [f for f in feedback if len(f) > 25 and "[" not in f and f in text], "quiz feedback gives answers away"
    for d in notes.discussions:
        assert d.answer.split("\n")[0][:40] not in text
    assert "Model answer" not in sheet and "data-correct" not in sheet
    assert 'class="widget-controls"' not in sheet


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.slug)
def test_answer_key_has_model_answers_and_quiz_answers(built_site, lesson):
    site, _ = built_site
    key = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(site, f"{lesson.slug}/answers/index.html"))))
    quiz = classroom.quiz_questions(lesson)
    assert key.count("Correct answer:") == len(quiz)
    for q in quiz:
        right = next(c for c in q["choices"] if c.get("correct"))
        assert f"Correct answer: {re.sub(chr(96), '', str(right['text']))}"[:40] in key.replace("`", "")
    assert key.count("Model answer:") == len(classroom.teacher_notes(lesson).discussions)


def test_teacher_page_gathers_the_lesson(built_site):
    site, _ = built_site
    lesson = next(l for l in LESSONS if l.slug == "evolution-in-a-tumour")
    teach = page(site, "evolution-in-a-tumour/teach/index.html")
    for w, p in classroom.preset_links(classroom.teacher_notes(lesson).activity):
        assert f'href="../../embed/{w}/index.html?preset={p}" data-class-href' in teach
    assert teach.count("data-class-qr") >= 4 and teach.count("&lt;iframe src=") >= 4
    for link in ("worksheet/index.html", "answers/index.html", CARTRIDGE_PATH):
        assert link in teach
    assert "Curriculum standards" in teach and "AP Biology" in teach  # says why none are listed
    lesson_html = page(site, "evolution-in-a-tumour/index.html")
    assert "../evolution-in-a-tumour/teach/index.html" in lesson_html and "data-class-panel=\"lesson\"" in lesson_html
    assert lesson_html.count('data-class-panel="widget"') == 3


def test_without_a_base_url_no_oembed_is_written_or_linked(built_site):
    site, report = built_site
    for name in REGISTRY:
        assert not (site / f"embed/{name}/oembed.json").exists(), "a relative iframe src no oEmbed consumer can load"
        assert "json+oembed" not in page(site, f"embed/{name}/index.html")
    assert any("oEmbed" in note and "--base-url" in note for note in report.notes)
    assert (site / "embed-host.js").read_text().count("mdr:embed-size") == 1


def manifest_of(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def check_cartridge(path: Path) -> tuple[ET.Element, zipfile.ZipFile]:
    """Parse the manifest; every resource, file and reference it names exists."""
    archive = zipfile.ZipFile(path)
    root = manifest_of(archive)
    names = set(archive.namelist())
    assert root.tag == f"{{{CP}}}manifest"
    assert root.findtext(f"{{{CP}}}metadata/{{{CP}}}schema") == "IMS Common Cartridge"
    assert root.findtext(f"{{{CP}}}metadata/{{{CP}}}schemaversion") == "1.1.0"
    assert root.find(f"{{{CP}}}metadata/{{{LOM}}}lom/{{{LOM}}}general/{{{LOM}}}title/{{{LOM}}}string").text
    resources = {r.get("identifier"): r for r in root.iter(f"{{{CP}}}resource")}
    for resource in resources.values():
        assert resource.get("type") in {"webcontent", "imswl_xmlv1p1"}
        for f in resource.iter(f"{{{CP}}}file"):
            assert f.get("href") in names, f.get("href")
        if resource.get("href"):
            assert resource.get("href") in names
        for dep in resource.iter(f"{{{CP}}}dependency"):
            assert dep.get("identifierref") in resources
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)), "identifiers are unique"
    for item in root.iter(f"{{{CP}}}item"):
        if item.get("identifierref"):
            assert item.get("identifierref") in resources
    assert not [n for n in names if "/answers/" in n or "/teach/" in n], "no answer keys in the course"
    manifest_text = archive.read("imsmanifest.xml").decode()
    assert "ns0:" not in manifest_text and f'<manifest xmlns="{CP}"' in manifest_text
    web_links = [r for r in resources.values() if r.get("type") == "imswl_xmlv1p1"]
    folders = [f.get("href").rsplit("/", 1)[0] for r in web_links for f in r.iter(f"{{{CP}}}file")]
    assert len(folders) == len(set(folders)) == len(web_links), "one web link per folder and per resource"
    used = [i.get("identifierref") for i in root.iter(f"{{{CP}}}item") if i.get("identifierref")]
    assert all(used.count(r.get("identifier")) == 1 for r in web_links), "each web link opened by one item"
    for name in names:
        if name.startswith("web_resources/") and name.endswith(".html"):
            text = archive.read(name).decode()
            assert "answers/index.html" not in text, f"{name} links an answer key"
    return root, archive


def carried_targets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(page, href) of every link in the carried pages that leaves the package's files."""
    from mdr_explainer.lessons.cartridge import link_target

    names = {n.removeprefix("web_resources/") for n in archive.namelist()}
    missing = []
    for name in sorted(names):
        if name.endswith(".html"):
            for href in re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', archive.read(f"web_resources/{name}").decode()):
                target = link_target(name, href)
                if target is not None and target not in names:
                    missing.append((name, href))
    return missing


def test_cartridge_lists_lessons_in_order_and_works_offline(built_site):
    site, _ = built_site
    root, archive = check_cartridge(site / CARTRIDGE_PATH)
    modules = root.findall(f"{{{CP}}}organizations/{{{CP}}}organization/{{{CP}}}item/{{{CP}}}item")
    assert [m.findtext(f"{{{CP}}}title").split(": ", 1)[1] for m in modules] == [l.title for l in LESSONS]
    resources = {r.get("identifier"): r for r in root.iter(f"{{{CP}}}resource")}
    for module, lesson in zip(modules, LESSONS):
        hrefs = [resources[i.get("identifierref")].get("href") for i in module.findall(f"{{{CP}}}item")]
        assert f"web_resources/{lesson.slug}/index.html" in hrefs
        assert f"web_resources/{lesson.slug}/worksheet/index.html" in hrefs
        for name in lesson.widget_names():
            assert f"web_resources/embed/{name}/index.html" in hrefs
    lesson_page = archive.read(f"web_resources/{LESSONS[0].slug}/index.html").decode()
    for src in re.findall(r'<script src="\.\./([^"]+)"', lesson_page):
        assert f"web_resources/{src}" in archive.namelist(), "the offline page finds its scripts"
    assert carried_targets(archive) == [], "no link goes to a page the package does not hold"
    assert f'href="../{LESSONS[0].slug}/worksheet/index.html"' in lesson_page, "links inside the package stay"
    assert "teach/index.html" not in lesson_page and ".imscc" not in lesson_page
    assert "class-course" not in archive.read("web_resources/index.html").decode(), "no download paragraph left empty"


def test_base_url_makes_oembed_and_web_links_absolute(tmp_path, capsys):
    from mdr_explainer.lessons.cli import main

    out = tmp_path / "site"
    assert main(["build", "--out", str(out), "--base-url", "https://teach.example.org/mdr/"]) == 0
    assert "oEmbed" not in capsys.readouterr().out, "no note when oEmbed is written"
    data = json.loads((out / "embed/pump_cycle/oembed.json").read_text())
    assert ET.fromstring(data["html"]).attrib["src"] == "https://teach.example.org/mdr/embed/pump_cycle/index.html"
    assert data["provider_url"] == "https://teach.example.org/mdr/"
    assert 'href="https://teach.example.org/mdr/embed/pump_cycle/oembed.json"' in (out / "embed/pump_cycle/index.html").read_text()
    root, archive = check_cartridge(out / CARTRIDGE_PATH)
    link_files = [n for n in archive.namelist() if n.endswith("/weblink.xml")]
    assert all(archive.read(n).decode().count(f'<webLink xmlns="{WL}"') == 1 for n in link_files)
    urls = {ET.fromstring(archive.read(n)).find(f"{{{WL}}}url").get("href") for n in link_files}
    assert f"https://teach.example.org/mdr/{LESSONS[0].slug}/index.html" in urls
    assert "https://teach.example.org/mdr/embed/tumor_evolution/index.html" in urls
    assert carried_targets(archive) == [], "links to pages outside the package point at the site"
    lesson_page = archive.read(f"web_resources/{LESSONS[0].slug}/index.html").decode()
    assert f'href="https://teach.example.org/mdr/{LESSONS[0].slug}/teach/index.html"' in lesson_page
    assert 'href="https://teach.example.org/mdr/course/why-chemo-stops-working.imscc"' in lesson_page


def test_base_url_must_be_an_address(capsys):
    from mdr_explainer.lessons.cli import main

    with pytest.raises(SystemExit):
        main(["build", "--base-url", "teach.example.org"])
    assert "https://" in capsys.readouterr().err


def test_every_classroom_word_is_used_and_no_words_live_in_the_runtime():
    import yaml

    strings = yaml.safe_load((REPO / "content/strings/en/site.yaml").read_text(encoding="utf-8"))["classroom"]
    sources = "".join(p.read_text(encoding="utf-8") for p in [*(REPO / "site/templates").rglob("*.html"),
                                                              *(REPO / "lessons").glob("*.py")])

    def keys(node, prefix):
        for k, v in node.items():
            yield from keys(v, f"{prefix}.{k}") if isinstance(v, dict) else [f"{prefix}.{k}"]

    unused = [k for k in keys(strings, "classroom") if k not in sources]
    assert not unused, f"content/strings/en/site.yaml: unused keys {unused}; use or remove them"
    for script in ("mdr-class.js", "mdr-embed.js", "embed-host.js"):
        code = re.sub(r"/\*.*?\*/", "", (REPO / "site/static" / script).read_text(encoding="utf-8"), flags=re.S)
        literals = re.findall(r'"([^"]*[A-Z][a-z]+ [a-z]+[^"]*)"', code)
        assert not literals, f"site/static/{script}: words {literals} belong in the strings files"


def prediction_questions(lesson):
    """(widget, question) for every prediction question of the widgets a lesson's tasks use."""
    names = dict.fromkeys(t.widget for t in classroom.tasks(lesson))
    return [(n, q) for n in names for q in REGISTRY[n].questions]


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.slug)
def test_worksheet_asks_each_prediction_question_first_with_space_to_predict(built_site, lesson):
    site, _ = built_site
    sheet = page(site, f"{lesson.slug}/worksheet/index.html")
    questions = prediction_questions(lesson)
    assert questions, "every lesson with widget tasks asks prediction questions"
    assert sheet.count('class="sheet-prediction"') == len(questions)
    assert sheet.index("sheet-predictions") < sheet.index("sheet-tasks")  # predict before exploring
    text = plain(sheet)
    for name, q in questions:
        words = widget_text(name)
        assert words.need("predict", q.name, "question") in text
        assert words.need("predict", q.name, "why")[:60] not in text, "the worksheet gives the why away"
    assert text.count("My prediction") == text.count("What the model shows") == len(questions)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.slug)
def test_answer_key_gives_the_model_answer_of_each_prediction_question(built_site, lesson):
    from mdr_explainer.lessons.strings import site_text
    from mdr_explainer.widgets.framework.describe import render
    from mdr_explainer.widgets.framework.prediction import choice_for, comparison_values, model_answer, question_values

    site, _ = built_site
    key = plain(page(site, f"{lesson.slug}/answers/index.html"))
    for name, q in prediction_questions(lesson):
        widget, words = REGISTRY[name], widget_text(name)
        actual = model_answer(widget, q)
        labels = words.get("predict", q.name, "choices") or {}
        guess = choice_for(q, actual) if q.choices else actual
        values = {**question_values(widget, q), **widget.run(question_values(widget, q)),
                  **comparison_values(q, guess, actual, labels)}
        assert render(words.need("predict", q.name, "answer"), values, site_text().locale) in key
        assert words.need("predict", q.name, "why") in key


def test_teacher_page_runs_predict_observe_explain_in_15_minutes(built_site):
    site, _ = built_site
    lesson = next(l for l in LESSONS if l.slug == "evolution-in-a-tumour")
    teach = page(site, "evolution-in-a-tumour/teach/index.html")
    assert "Predict, observe, explain in 15 minutes" in teach and teach.count("<li>Minutes ") == 4
    for name, q in prediction_questions(lesson):
        assert f'href="../../embed/{name}/index.html?preset={q.preset}&amp;predict={q.name}" data-class-href' in teach
    lesson_html = page(site, "evolution-in-a-tumour/index.html")
    assert lesson_html.count("data-class-question") == 3 * (len(REGISTRY["tumor_evolution"].questions) + 1)


def test_every_prediction_word_is_used_and_the_step_script_holds_no_words():
    import yaml

    strings = yaml.safe_load((REPO / "content/strings/en/site.yaml").read_text(encoding="utf-8"))["predict"]
    sources = "".join(p.read_text(encoding="utf-8") for p in [*(REPO / "site/templates").rglob("*.html"),
                                                              *(REPO / "lessons").glob("*.py")])
    unused = [k for k in strings if f"predict.{k}" not in sources]
    assert not unused, f"content/strings/en/site.yaml: unused predict keys {unused}; use or remove them"
    code = re.sub(r"/\*.*?\*/", "", (REPO / "site/static/mdr-predict.js").read_text(encoding="utf-8"), flags=re.S)
    assert not re.findall(r'"([^"]*[A-Z][a-z]+ [a-z]+[^"]*)"', code)
