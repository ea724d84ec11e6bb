"""Reading ease of Spanish text: Fernández-Huerta (corrected form) and INFLESZ (Szigriszt-Pazos).

Formulas, with W words, S sentences and Y syllables:

  Fernández-Huerta (1959), as corrected by Gwillim Law (2011) and legible.es:
      L = 206.84 - 0.60 * P - 1.02 * F,   P = 100 * Y / W (syllables per 100 words),
                                           F = W / S (words per sentence).
      The often-printed form with F = "sentences per 100 words" is the misprint: it would make
      longer sentences read *easier*. textstat 0.7.13 uses the corrected form.
  Szigriszt-Pazos (1992), the index behind the INFLESZ scale:
      IFSZ = 206.835 - 62.3 * Y / W - W / S.

Why not textstat's Spanish functions: their formulas are right, but the syllables come from
Pyphen's Spanish *hyphenation* patterns, which never split a vowel pair or leave one letter at a
word's edge ("agua", "fría", "día" count 1 syllable; "oxígeno" 3), and textstat's sentence counter
drops every sentence of two words or fewer. Both push the scores away from the published scales.
So the syllables here follow the Spanish rule of vowel nuclei: a run of vowels is one syllable,
split between two strong vowels (a, e, o, or an accented í/ú, which breaks a diphthong); a silent
u (que, qui, gue, gui) and a y next to a vowel (hoy, muy, rey) add none. A numeral counts one
syllable per digit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FH_BASE, FH_SYLLABLES, FH_SENTENCE = 206.84, 0.60, 1.02
SP_BASE, SP_SYLLABLES = 206.835, 62.3
STRONG = set("aeoáéóíú")
WEAK = set("iuü")
VOWELS = STRONG | WEAK
WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[a-záéíóúüñ]+", re.I)
SENTENCE_END = re.compile(r"[.!?;:…]+")


def syllables(word: str) -> int:
    """Syllables of one Spanish word (at least 1); a numeral counts one per digit."""
    word = unicodedata.normalize("NFC", word.lower())
    if word[0].isdigit():
        return max(1, sum(c.isdigit() for c in word))
    if word == "y":
        return 1
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word)
    count, previous = 0, ""
    for char in word:
        if char in VOWELS:
            if not previous or (previous in STRONG and char in STRONG):
                count += 1
            previous = char
        else:
            previous = ""
    return max(1, count)


@dataclass(frozen=True)
class Counts:
    """Words, sentences and syllables of a text."""

    words: int
    sentences: int
    syllables: int

    @property
    def fernandez_huerta(self) -> float:
        """Fernández-Huerta reading ease (higher is easier; 70-80 'algo fácil', 80+ 'fácil')."""
        return FH_BASE - FH_SYLLABLES * 100 * self.syllables / self.words - FH_SENTENCE * self.words / self.sentences

    @property
    def szigriszt_pazos(self) -> float:
        """Szigriszt-Pazos perspicuity, the INFLESZ index (65-80 'bastante fácil', 80+ 'muy fácil')."""
        return SP_BASE - SP_SYLLABLES * self.syllables / self.words - self.words / self.sentences


def counts(text: str) -> Counts:
    """Count a plain Spanish text; a sentence ends at . ! ? ; : or … and holds at least one word."""
    pieces = [WORD.findall(piece) for piece in SENTENCE_END.split(text)]
    pieces = [p for p in pieces if p]
    words = [w for p in pieces for w in p]
    if not words:
        raise ValueError("no Spanish words to measure")
    return Counts(words=len(words), sentences=len(pieces), syllables=sum(syllables(w) for w in words))
