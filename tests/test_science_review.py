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
NOT_JOURNAL_ARTICLES = {"doxorubicinlabel", "bioworld2003", "anzadapt"}
# Journal references whose PMID or DOI could not be verified in the December 2026 review; each is
# listed, with the reason, in docs/science-decisions.md. It may only shrink, except for a source
# the second review (December 2026) asked us to cite whose publisher page shows no identifier
# (chen2020bv, the brentuximab vedotin plus cyclosporine trial).
AWAITING_VERIFIED_IDENTIFIER = {
    "bankstahl2008", "bates2001", "beck1979", "cao2017", "cole1992", "cordoncardo1989",
    "cripe2010", "curmedchem2012", "huchen", "kbvcr1986", "kolitz2010",
    "longley2005", "pennock1991", "robey1999", "sauna2001", "sharom1995", "sharom1997",
    "stewart2000", "thomas2003", "thomas2004", "tsuruo1983",
    "tsuruo1983b", "vanderholt2005", "vesicular1997", "liedtke2008", "linenberger2001",
    "chen2020bv",
}
# Date of the latest science review of the lessons (the second review, December 2026).
LAST_SCIENCE_REVIEW = datetime.date(2026, 12, 3)


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
        assert reviewed == LAST_SCIENCE_REVIEW, lesson.slug


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
        assert f'<time datetime="{LAST_SCIENCE_REVIEW.isoformat()}">' in html, slug


def test_a_reviewed_date_that_is_not_a_date_names_the_line(tmp_path):
    from conftest import LESSON, make_content
    from mdr_explainer.lessons.problems import ContentError
    root = make_content(tmp_path / "c", LESSON.replace("reading_time: 3", "reading_time: 3\nreviewed: last week"))
    with pytest.raises(ContentError) as err:
        load_content(root)
    assert any("ISO date" in p.message for p in err.value.problems)


# --- Second science review (December 2026): text findings N3-N26 -------------------------------

LESSONS = REPO / "content" / "lessons"


def _lesson_text(name):
    return (LESSONS / name).read_text(encoding="utf-8")


def _patient_part(name):
    text = _lesson_text(name)
    return text.split("::: patient", 1)[1].split("\n:::", 1)[0]


def test_reference_links_use_https_and_no_staging_or_development_host(references):
    for key, entry in references.items():
        url = entry.get("url")
        if not url:
            continue
        assert url.startswith("https://"), (key, url)
        assert not re.search(r"staging|tweb-dev|\bdev\.", url), (key, url)
    assert "hep.510260427" not in references["cole1992"]["url"], "cole1992 must not link another paper's reference list"
    assert references["sauna2001"]["title"].endswith("P-glycoprotein")


def test_reader_text_never_calls_the_membrane_a_cell_wall():
    """Animal cells have no cell wall (review N19): lessons, glossary and illustrations say membrane."""
    paths = sorted(LESSONS.glob("*.md")) + [REPO / "content" / "glossary.yaml"]
    paths += sorted((REPO / "content" / "illustrations").glob("*.svg"))
    for path in paths:
        text = path.read_text(encoding="utf-8").lower().replace("have no cell wall", "")
        assert "cell wall" not in text and "outer wall" not in text, path.name


def test_resistant_cells_are_compared_with_parent_cells_not_normal_cells(references):
    lesson3 = _lesson_text("03-measuring-resistance.md").lower()
    assert "normal cell" not in lesson3 and "normal ic50" not in lesson3
    assert "parent" in _patient_part("03-measuring-resistance.md")
    glossary = yaml.safe_load((REPO / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    assert "normal cells" not in glossary["Fold resistance"]["definition"]
    assert "parent" in glossary["Fold resistance"]["definition"]
    assert "Normal" not in (REPO / "content" / "illustrations" / "dishes.svg").read_text(encoding="utf-8")


def test_cell_free_dna_is_not_a_synonym_of_circulating_tumour_dna():
    glossary = yaml.safe_load((REPO / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    entry = glossary["Circulating tumour DNA"]
    assert not {"cfDNA", "cell-free DNA"} & set(entry["aliases"])
    assert "cell-free DNA" in entry["definition"]


def test_adaptive_therapy_text_names_the_randomised_trial_under_way(references):
    lesson4 = _lesson_text("04-evolution.md")
    assert "randomised trial is needed" not in lesson4 and "]] is needed" not in lesson4
    assert lesson4.count("[@anzadapt]") >= 3 and "ANZadapt" in _patient_part("04-evolution.md")
    assert "NCT05393791" in references["anzadapt"]["url"]


def test_stromal_depletion_is_taught_with_the_evidence_that_it_backfired():
    sentence = "Thinning this tissue helped in some mice, but not in people so far"
    for name in ("06-beyond-the-pump.md", "07-beyond-chemotherapy.md"):
        assert sentence in _patient_part(name), name
        text = _lesson_text(name)
        assert "@rhim2014" in text and "@dejesusacosta2020" in text, name


def test_combination_therapy_is_checked_against_the_clinic():
    lesson7 = _lesson_text("07-beyond-chemotherapy.md")
    patient = _patient_part("07-beyond-chemotherapy.md")
    assert "only true if no single change" not in patient
    assert "best of all in smaller tumours" in patient and "[@robert2019]" in patient
    assert "19%" in lesson7 and "34%" in lesson7 and "triple therapy" in lesson7
    assert "can help stay ahead" not in lesson7.split("---", 2)[1], "patient_message reads as advice"


def test_lesson7_covers_the_modalities_the_review_found_missing():
    lesson7 = _lesson_text("07-beyond-chemotherapy.md")
    for key in ("bao2006", "sotillo2015", "awad2021", "tanaka2021", "coates2021", "adcsequencing2026", "chen2020bv"):
        assert f"@{key}" in lesson7, key
    trial = next(p for p in lesson7.split("\n") if "phase I trial of brentuximab vedotin plus cyclosporine" in p)
    assert "not randomised" in trial and "[@chen2020bv]" in trial


def test_second_review_sources_are_the_real_papers(references):
    expected = {
        "kimchen2018": ("29371429", "10.1126/science.aar7389"),
        "culbertson2025": ("40240353", "10.1038/s41467-025-58561-4"),
        "rhim2014": ("24856585", "10.1016/j.ccr.2014.04.021"),
        "coates2021": ("34404686", "10.1158/2159-8290.CD-21-0702"),
        "adcsequencing2026": ("41591991", "10.1158/1078-0432.CCR-25-3321"),
        "awad2021": ("34161704", "10.1056/NEJMoa2105281"),
        "tanaka2021": ("33824136", "10.1158/2159-8290.CD-21-0365"),
        "lancet2018": ("30024784", "10.1200/JCO.2017.77.6112"),
        "sammut2022": ("34875674", "10.1038/s41586-021-04278-5"),
    }
    for key, (pmid, doi) in expected.items():
        assert references[key]["pmid"] == pmid and references[key]["doi"] == doi, key
