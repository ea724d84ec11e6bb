"""Building the static site: pages, shared assets, determinism and failure that loses nothing."""
import re
import subprocess
import sys

import pytest

from mdr_explainer.lessons.build import build_site
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.parse import AUDIENCES
from mdr_explainer.lessons.problems import ContentError
from mdr_explainer.widgets.registry import REGISTRY
from conftest import LESSON, REPO, line_of, make_content


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


def tree(folder):
    """Relative path -> bytes of every file in a folder."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_site_has_the_documented_urls(built_site, content):
    out, report = built_site
    assert (out / "index.html").is_file()
    for slug in [page.slug for page in content.lessons + content.pages] + ["glossary", "widgets"]:
        assert (out / slug / "index.html").is_file(), slug
    for name in REGISTRY:
        assert (out / "embed" / name / "index.html").is_file()
    assert not list((out / "static").rglob("bokeh*.js")), "plots are SVG written with the page; no BokehJS ships"


def test_every_plot_is_drawn_in_the_page_before_any_script_runs(built_site):
    out, _ = built_site
    for name, widget in REGISTRY.items():
        html = (out / "embed" / name / "index.html").read_text()
        assert html.count('<svg class="plot-svg"') == len(widget.figures), name
        drawn = re.findall(r'<path data-glyph="[^"]+" class="plot-(?:line|band|shade|patch|vline|hline)" d="([^"]*)"', html)
        assert drawn and all(d.startswith("M") for d in drawn if d), name


def test_every_lesson_page_has_three_audiences_one_h1_and_the_notice(built_site, content):
    out, _ = built_site
    for page in out.glob("*/index.html"):
        html = page.read_text()
        assert html.count("<h1") == 1, page
        assert '<html lang="en"' in html and "<main" in html and 'class="skip-link"' in html
        assert "not medical advice" in html
    for lesson in content.lessons:
        html = (out / lesson.slug / "index.html").read_text()
        for audience in AUDIENCES:
            assert f'data-audience="{audience}"' in html, (lesson.slug, audience)
        for name in lesson.widget_names():
            assert f'data-widget="{name}"' in html, (lesson.slug, name)


def test_every_citation_links_to_a_source_listed_on_its_page(built_site, content):
    out, _ = built_site
    listed_somewhere = set()
    for page in out.rglob("*.html"):
        html = page.read_text()
        listed = set(re.findall(r'<li id="ref-([^"]+)"', html))
        cited = set(re.findall(r'href="#ref-([^"]+)"', html))
        assert cited <= listed, (str(page.relative_to(out)), sorted(cited - listed))
        listed_somewhere |= listed
    widgets = (out / "widgets" / "index.html").read_text()
    for name, widget in REGISTRY.items():
        for key in re.findall(r"@([\w-]+)", widget.note()):
            if key in content.catalog.references:
                assert f'<li id="ref-{key}">' in widgets, (name, key)
    assert {"doxorubicinlabel", "doxpermeability1983", "huchen"} <= listed_somewhere


def test_nothing_is_loaded_from_outside(built_site):
    out, _ = built_site
    loaders = re.compile(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)="(https?:)?//', re.I)
    for page in out.rglob("*.html"):
        assert not loaders.search(page.read_text()), page
    css = next((out / "static").glob("style.*.css")).read_text()
    assert "url(" not in css and "@import" not in css


def test_pages_use_relative_links_to_the_shared_static_folder(built_site, content):
    out, _ = built_site
    for name in REGISTRY:
        html = (out / "embed" / name / "index.html").read_text()
        assert re.search(rf'src="\.\./\.\./static/data/{name}\.[0-9a-f]{{10}}\.js"', html), name
        assert re.search(r'href="\.\./\.\./static/style\.[0-9a-f]{10}\.css"', html), name
    for lesson in content.lessons:
        if lesson.widget_names():
            html = (out / lesson.slug / "index.html").read_text()
            assert re.search(r'src="\.\./static/mdr\.[0-9a-f]{10}\.js"', html), lesson.slug


def test_two_builds_are_byte_identical(tmp_path):
    build_site(REPO / "content", tmp_path / "a")
    build_site(REPO / "content", tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_failed_build_leaves_previous_output_exactly_as_it_was(tmp_path):
    good = make_content(tmp_path / "c")
    out = tmp_path / "out"
    build_site(good, out)
    before = tree(out)
    (good / "lessons" / "01-tiny.md").write_text(LESSON.replace("widget drug_accumulation", "widget nope"))
    with pytest.raises(ContentError):
        build_site(good, out)
    assert tree(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_check_command_prints_file_line_and_fix_and_exits_1(tmp_path):
    root = make_content(tmp_path / "c", LESSON.replace("[@smith2020; @jones2021]", "[@nobody1999]"))
    result = subprocess.run([sys.executable, "-m", "mdr_explainer.lessons.cli", "check", "--content", str(root)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    line = line_of("[@smith2020; @jones2021]")
    assert re.search(rf"01-tiny\.md:{line}: unknown citation key 'nobody1999'; add it to references\.yaml", result.stderr)


def test_build_command_prints_pages_and_summary(tmp_path):
    root = make_content(tmp_path / "c")
    result = subprocess.run([sys.executable, "-m", "mdr_explainer.lessons.cli", "build", "--content", str(root),
                             "--out", str(tmp_path / "o")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "tiny/index.html" in result.stdout
    assert re.search(r"built \d+ pages .* shared static .* in [\d.]+ s", result.stdout)
