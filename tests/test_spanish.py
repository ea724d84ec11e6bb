"""The Spanish site: reading-ease formulas on a worked example, complete key sets, and translations held to the English structure."""
import shutil

import pytest

from conftest import REPO

from mdr_explainer.lessons import readability_es
from mdr_explainer.lessons.content import load_content
from mdr_explainer.lessons.problems import ContentError
from mdr_explainer.lessons.strings import dotted_keys, strings_files, translation_problems
from mdr_explainer.widgets.framework.wording import read_yaml

WORKED = "El gato come pan. La niña bebe agua fría."


@pytest.mark.parametrize("word, count", [("gato", 2), ("agua", 2), ("fría", 2), ("oído", 3), ("aéreo", 4),
                                          ("leucemia", 3), ("quimioterapia", 5), ("guerra", 2), ("pingüino", 3),
                                          ("hoy", 1), ("y", 1), ("ahí", 2), ("oxígeno", 4), ("44", 2)])
def test_spanish_syllables_follow_vowel_nuclei(word, count):
    assert readability_es.syllables(word) == count


def test_reading_ease_formulas_on_a_worked_example():
    # By hand: 9 words, 2 sentences, syllables el 1 + ga-to 2 + co-me 2 + pan 1 + la 1 + ni-ña 2 + be-be 2
    # + a-gua 2 + frí-a 2 = 15.
    counted = readability_es.counts(WORKED)
    assert (counted.words, counted.sentences, counted.syllables) == (9, 2, 15)
    # Fernández-Huerta (corrected): 206.84 - 0.60 * (100 * 15 / 9) - 1.02 * (9 / 2) = 206.84 - 100 - 4.59 = 102.25
    assert counted.fernandez_huerta == pytest.approx(102.25)
    # Szigriszt-Pazos: 206.835 - 62.3 * 15 / 9 - 9 / 2 = 206.835 - 103.8333 - 4.5 = 98.5017
    assert counted.szigriszt_pazos == pytest.approx(98.50167, abs=1e-4)


def test_longer_sentences_read_harder_as_in_the_corrected_formula():
    short = readability_es.counts("La bomba saca la quimio. La célula vive.")
    joined = readability_es.counts("La bomba saca la quimio, la célula vive.")
    assert joined.fernandez_huerta < short.fernandez_huerta and joined.szigriszt_pazos < short.szigriszt_pazos


def test_spanish_strings_have_exactly_the_english_keys():
    for relative in strings_files(REPO / "content", "es"):
        english = dotted_keys(read_yaml(REPO / "content" / "strings" / "en" / relative))
        spanish = dotted_keys(read_yaml(REPO / "content" / "strings" / "es" / relative))
        assert english == spanish, relative
    assert translation_problems(REPO / "content", "es") == []


@pytest.fixture()
def content_copy(tmp_path):
    """A copy of the real content to break."""
    folder = tmp_path / "content"
    shutil.copytree(REPO / "content", folder)
    return folder


def problems_of(folder, locale="es") -> list[str]:
    """Every problem message load_content reports for a locale."""
    with pytest.raises(ContentError) as err:
        load_content(folder, locale=locale)
    return [str(p) for p in err.value.problems]


def test_a_missing_spanish_key_fails_the_load_naming_file_and_key(content_copy):
    path = content_copy / "strings" / "es" / "widgets" / "drug_accumulation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  ratio_cell_pct:\n    label: La célula elegida guarda\n",
                                                             "  ratio_cell_pct:\n"), encoding="utf-8")
    found = problems_of(content_copy)
    assert any("drug_accumulation.yaml" in p and "missing key readouts.ratio_cell_pct.label" in p for p in found), found


def test_a_translation_must_keep_citations_headings_and_slug(content_copy):
    path = content_copy / "lessons" / "es" / "01-what-is-resistance.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("slug: what-is-resistance", "slug: que-es-la-resistencia")
    text = text.replace(" [@akiyama1985]", "", 1).replace("## No es su culpa\n\n", "")
    path.write_text(text, encoding="utf-8")
    found = " ".join(problems_of(content_copy))
    assert "must be the English slug 'what-is-resistance'" in found
    assert "missing ['akiyama1985']" in found
    assert "the patient part has 6 headings" in found


def test_a_missing_translation_and_hard_text_are_reported(content_copy):
    (content_copy / "lessons" / "es" / "02-mdr1-pump.md").unlink()
    path = content_copy / "lessons" / "es" / "03-measuring-resistance.md"
    hard = ("Las determinaciones farmacológicas subsiguientes demostraron concentraciones intracelulares "
            "considerablemente disminuidas, atribuibles a la sobreexpresión transmembranaria, ")
    path.write_text(path.read_text(encoding="utf-8").replace("Pero hay algo más.", hard * 6 + "pero hay algo más."),
                    encoding="utf-8")
    found = " ".join(problems_of(content_copy))
    assert "02-mdr1-pump.md has no translation" in found
    assert "03-measuring-resistance.md" in found and "scores Fernández-Huerta" in found


def test_every_spanish_patient_part_meets_both_scores():
    from mdr_explainer.lessons.editorial_es import MIN_FERNANDEZ_HUERTA, MIN_INFLESZ, patient_scores

    content = load_content(REPO / "content", locale="es")
    assert len(content.lessons) == 7
    for lesson in content.lessons:
        huerta, inflesz = patient_scores(lesson, content)
        assert huerta >= MIN_FERNANDEZ_HUERTA and inflesz >= MIN_INFLESZ, (lesson.path.name, huerta, inflesz)
        assert lesson.languages == {"student": "en", "teacher": "en"}
    assert content.catalog.term("resistencia a muchos medicamentos").slug == "term-multidrug-resistance"
    assert content.pages[0].meta["title"] == "Sobre este sitio"


def test_illustrations_get_their_spanish_labels_in_order(content_copy):
    from mdr_explainer.lessons.illustrations import illustration_problems, labels, svg_for

    assert illustration_problems(REPO / "content", "es") == []
    spanish = labels(svg_for(REPO / "content" / "illustrations" / "crowd.svg", REPO / "content", "es").decode())
    assert spanish[:2] == ["Antes", "Después"]
    table = content_copy / "illustrations" / "es.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("crowd.svg: [Antes, ", "crowd.svg: ["), encoding="utf-8")
    assert "crowd.svg has 4 labels" in " ".join(problems_of(content_copy))
