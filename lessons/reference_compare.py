"""Compare a reference in references.yaml with a PubMed or Crossref record: title, first author, journal, year."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from .catalog import Reference
from .reference_lookup import Record

# A title this similar (0..1, after normalising) is the same title; below MISMATCH it is another.
SAME_TITLE, MISMATCH_TITLE = 0.95, 0.90
JOURNAL_SIMILAR = 0.85
STOP_WORDS = {"of", "the", "and", "in", "for", "on", "a", "an", "de", "la", "und"}
RETRACTION_TITLE = re.compile(r"^\W*(retraction|retracted|withdrawn)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """How well a record matches a reference, field by field, with an overall score 0..1."""

    record: Record
    title: float
    author: bool
    year: bool
    journal: bool

    @property
    def score(self) -> float:
        """Weighted agreement: the title counts most, then author, year and journal."""
        return 0.7 * self.title + 0.15 * self.author + 0.1 * self.year + 0.05 * self.journal

    @property
    def confident(self) -> bool:
        """Good enough to record its identifiers: same title, first author and year."""
        return self.title >= SAME_TITLE and self.author and self.year

    def differences(self, ref: Reference) -> list[str]:
        """Each field that disagrees, as 'field: ours vs theirs'."""
        out = []
        if self.title < MISMATCH_TITLE:
            out.append(f"title {self.title:.2f} similar: {ref.title!r} vs {self.record.title!r}")
        if not self.author:
            out.append(f"first author {first_surname(ref.authors)!r} vs {self.record.first_author!r}")
        if not self.year:
            out.append(f"year {ref.year} vs {'/'.join(map(str, self.record.years)) or '?'}")
        if not self.journal:
            out.append(f"journal {ref.journal!r} vs {' / '.join(self.record.journals) or '?'}")
        return out


def fold(text: str) -> str:
    """Lower-case ASCII words: accents, tags, punctuation and extra spaces removed."""
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def title_similarity(ours: str, theirs: str) -> float:
    """Ratio 0..1 of two titles after folding (PubMed's final period and brackets do not count)."""
    a, b = fold(ours), fold(theirs)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def first_surname(authors: str) -> str:
    """Surname of the first author of 'Gottesman MM, Fojo T' or 'Akiyama et al.'."""
    first = re.split(r",|;|\bet al\b", authors or "")[0].strip()
    words = first.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}\.?", words[-1]):
        words = words[:-1]
    return " ".join(words)


def same_author(ours: str, theirs: str) -> bool:
    """True if the surnames agree, allowing particles and PubMed's trailing initials."""
    a, b = fold(first_surname(ours)), fold(first_surname(theirs))
    if not a or not b:
        return False
    return a == b or a.endswith(" " + b) or b.endswith(" " + a) or a.replace(" ", "") == b.replace(" ", "")


def abbreviates(short: str, full: str) -> bool:
    """True if each word of an abbreviation ('Nat Rev Cancer') starts and spells a word of the full title in order."""
    words = [w for w in full.split() if w not in STOP_WORDS]
    if not short.split() or len(short.split()) > len(words):
        return False
    for abbrev, word in zip(short.split(), words):
        letters = iter(word)
        if abbrev[0] != word[0] or not all(ch in letters for ch in abbrev):
            return False
    return True


def same_journal(ours: str, theirs: tuple[str, ...]) -> bool:
    """True if the journal equals, closely resembles or abbreviates one of the record's names."""
    a = fold(ours)
    for name in map(fold, theirs):
        if a == name or SequenceMatcher(None, a, name).ratio() >= JOURNAL_SIMILAR:
            return True
        if abbreviates(a, name) or abbreviates(name, a):
            return True
    return False


def compare(ref: Reference, record: Record) -> Match:
    """Field-by-field agreement of a reference and a record."""
    return Match(record=record, title=title_similarity(ref.title, record.title),
                 author=same_author(ref.authors, record.first_author),
                 year=ref.year is None or ref.year in record.years,
                 journal=same_journal(ref.journal, record.journals))


def retraction_of(record: Record) -> str:
    """The record's retraction flag, or a title that announces a retraction ('' if neither)."""
    if record.retraction:
        return record.retraction
    if RETRACTION_TITLE.match(record.title or ""):
        return f"{record.source} title begins {record.title.split()[0]!r}: a retraction notice"
    return ""


def best(ref: Reference, records: list[Record]) -> Match | None:
    """The candidate that matches a reference best, if any."""
    matches = [compare(ref, r) for r in records]
    return max(matches, key=lambda m: m.score, default=None)
