"""Checks added by the December 2026 science review (issue 8): references a reader can check,
review dates on every lesson, and model constants cited to references rather than the fact sheet."""
import datetime
import re
from pathlib import Path

import pytest
import yaml

from mdr_explainer.lessons.content import load_content
from conftest import REPO

REFERENCES = REPO / "content" / "references.yaml"
# Sources that are not journal articles, so carry no PMID or DOI.
NOT_JOURNAL_ARTICLES = {"doxorubicinlabel", "bioworld2003"}
# Journal references whose PMID or DOI could not be verified in the December 2026 review; each is
# listed, with the reason, in docs/science-decisions.md. This list may only shrink.
AWAITING_VERIFIED_IDENTIFIER = {
    "bankstahl2008", "bates2001", "beck1979", "cao2017", "cole1992", "cordoncardo1989",
    "cripe2010", "curmedchem2012", "huchen", "kbvcr1986", "kolitz2010",
    "longley2005", "pennock1991", "robey1999", "sauna2001", "sharom1995", "sharom1997",
    "stewart2000", "thomas2003", "thomas2004", "tsuruo1983",
    "tsuruo1983b", "vanderholt2005", "vesicular1997", "liedtke2008", "linenberger2001",
}


@pytest.fixture(scope="module")
def references():
    return yaml.safe_load(REFERENCES.read_text(encoding="utf-8"))


def test_no_reference_shows_n_a(references):
    for key, entry in references.items():
        for field, value in entry.items():
            assert not re.search(r"(^|\W)n/?a(\W|$)", str(value), re.I), (key, field, value)


def test_journal_references_have_a_pmid_or_doi(references):
    missing = {k for k, v in references.items()
               if k not in NOT_JOURNAL_ARTICLES and not (v.get("pmid") or v.get("doi"))}
    assert missing <= AWAITING_VERIFIED_IDENTIFIER, sorted(missing - AWAITING_VERIFIED_IDENTIFIER)


def test_the_awaiting_list_only_names_references_still_awaiting_and_documented(references):
    decisions = (REPO / "docs" / "science-decisions.md").read_text(encoding="utf-8")
    for key in AWAITING_VERIFIED_IDENTIFIER:
        assert key in references, key
        assert not (references[key].get("pmid") or references[key].get("doi")), f"{key} now has one: drop it"
        assert key in decisions, f"{key} is not explained in docs/science-decisions.md"


def test_titles_are_not_shortened_or_paraphrased(references):
    for key, entry in references.items():
        assert not str(entry["title"]).endswith("..."), key


def test_references_named_in_the_review_are_the_real_papers(references):
    assert references["hdx2019"]["pmid"] == "31641149" and "Kopcho" in references["hdx2019"]["authors"]
    assert references["nosol2020"]["pmid"] == "33020312"
    assert references["christie2019"]["doi"] == "10.1038/s41467-019-09312-9"
    assert references["patch2015"]["doi"] == "10.1038/nature14410"
    assert "uncoupledtransport" not in references


def test_every_lesson_carries_an_iso_review_date():
    content = load_content(REPO / "content")
    for lesson in content.lessons:
        reviewed = lesson.meta.get("reviewed")
        assert isinstance(reviewed, datetime.date), lesson.slug
        assert reviewed == datetime.date(2026, 12, 1), lesson.slug


def test_the_pump_widgets_cite_references_not_the_fact_sheet():
    widgets = REPO / "widgets"
    for name in ("pump_science.py", "drug_accumulation", "dose_response", "inhibitor_tradeoff", "pump_cycle"):
        paths = [widgets / name] if name.endswith(".py") else sorted((widgets / name).glob("*.py"))
        for path in paths:
            assert "FACTS" not in path.read_text(encoding="utf-8"), path


def test_each_lesson_page_says_when_its_science_was_last_checked(built_site):
    out, _ = built_site
    for slug in ("what-is-resistance", "mdr1-pump", "measuring-resistance", "evolution-in-a-tumour",
                 "blocking-the-pump", "beyond-the-pump"):
        html = (out / slug / "index.html").read_text(encoding="utf-8")
        assert "Science last checked against its sources on" in html, slug
        assert '<time datetime="2026-12-01">' in html, slug


def test_a_reviewed_date_that_is_not_a_date_names_the_line(tmp_path):
    from conftest import LESSON, make_content
    from mdr_explainer.lessons.problems import ContentError
    root = make_content(tmp_path / "c", LESSON.replace("reading_time: 3", "reading_time: 3\nreviewed: last week"))
    with pytest.raises(ContentError) as err:
        load_content(root)
    assert any("ISO date" in p.message for p in err.value.problems)
