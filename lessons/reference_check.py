"""Check every reference against PubMed and Crossref and report, one line per reference, as file:line:."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Reference, load_references, mapping_lines
from .problems import ContentError
from .reference_compare import Match, best, compare, first_surname, fold, retraction_of
from .reference_lookup import Client, NotFound, Offline, ServiceError, TimedOut


@dataclass
class Outcome:
    """What the check found for one reference."""

    key: str
    line: int
    status: str  # ok, mismatch, retracted, unidentified, found, not_found, timeout, error
    detail: str = ""
    found: dict[str, str] = field(default_factory=dict)  # identifiers safe to record (confident matches)

    def text(self, path: Path) -> str:
        """The report line: file:line: key: what was found."""
        label = {"retracted": "RETRACTION", "mismatch": "mismatch", "unidentified": "no identifier",
                 "found": "no identifier", "not_found": "not found", "timeout": "timed out",
                 "error": "lookup failed", "ok": "ok"}[self.status]
        return f"{path}:{self.line}: {self.key}: {label}: {self.detail}"


def describe_match(match: Match) -> str:
    """'PubMed 11818492, score 0.98 (title 0.97)' for a match."""
    ids = ", ".join(f"{k} {v}" for k, v in (("PMID", match.record.pmid), ("DOI", match.record.doi)) if v)
    return f"{match.record.source} {ids}, score {match.score:.2f} (title {match.title:.2f})"


def missing_ids(ref: Reference, match: Match) -> dict[str, str]:
    """Identifiers a confident match adds that the reference lacks."""
    if not match.confident:
        return {}
    return {k: v for k, v in (("pmid", match.record.pmid), ("doi", match.record.doi)) if v and not getattr(ref, k)}


def lookups(ref: Reference, client: Client) -> list[Match]:
    """Matches of the reference's own identifiers: its PMID in PubMed, its DOI in Crossref."""
    matches = []
    if ref.pmid:
        matches.append(compare(ref, client.pubmed([ref.pmid])[0]))
    if ref.doi:
        matches.append(compare(ref, client.crossref(ref.doi)))
        if not ref.pmid:
            pmids = client.pubmed_search(f"{ref.doi}[doi]", limit=1)
            if pmids:
                found = compare(ref, client.pubmed(pmids)[0])
                if found.confident:
                    matches.append(found)
    return matches


def search(ref: Reference, client: Client) -> Match | None:
    """The best candidate for a reference with no PMID or DOI, from PubMed and Crossref searches."""
    surname = first_surname(ref.authors)
    words = [w for w in fold(ref.title).split() if len(w) > 3][:8]
    candidates = []
    pmids = client.pubmed_search(" AND ".join([f"{w}[Title]" for w in words] + [f"{surname}[Author]"]))
    if pmids:
        candidates += client.pubmed(pmids)
    candidates += client.crossref_search(ref.title, surname)
    return best(ref, candidates)


def check_reference(ref: Reference, line: int, client: Client) -> Outcome:
    """Look a reference up and judge it; network failures other than Offline become outcomes."""
    try:
        matches = lookups(ref, client)
        if not matches:
            found = search(ref, client)
            if found is None:
                return Outcome(ref.key, line, "unidentified", "no PMID or DOI, and searches found no candidate")
            matches = [found]
            identified = False
        else:
            identified = True
    except TimedOut as err:
        return Outcome(ref.key, line, "timeout", f"{err}; try again later")
    except NotFound as err:
        return Outcome(ref.key, line, "not_found", f"{err}; check the identifier")
    except ServiceError as err:
        return Outcome(ref.key, line, "error", str(err))
    return judge(ref, line, matches, identified)


def judge(ref: Reference, line: int, matches: list[Match], identified: bool) -> Outcome:
    """The outcome for a reference given its matches: retraction first, then fields, then identifiers."""
    found = {}
    for match in matches:
        found.update({k: v for k, v in missing_ids(ref, match).items() if k not in found})
    for match in matches:
        notice = retraction_of(match.record)
        if notice:
            return Outcome(ref.key, line, "retracted", f"{notice} ({describe_match(match)})")
    if not identified:
        match = matches[0]
        if match.confident:
            ids = ", ".join(f"{k} {v}" for k, v in found.items())
            return Outcome(ref.key, line, "found", f"found {ids}: {describe_match(match)}", found)
        why = "; ".join(match.differences(ref)) or "below the confidence needed to record it"
        return Outcome(ref.key, line, "unidentified", f"best candidate {describe_match(match)}; {why}")
    problems = [f"{m.record.source}: {'; '.join(m.differences(ref))}" for m in matches if m.differences(ref)]
    if problems:
        return Outcome(ref.key, line, "mismatch", f"{' | '.join(problems)} ({describe_match(matches[0])})", found)
    extra = f"; can add {', '.join(f'{k} {v}' for k, v in found.items())}" if found else ""
    return Outcome(ref.key, line, "ok", describe_match(matches[0]) + extra, found)


@dataclass
class Report:
    """All outcomes of one run, or the one line that says the network was unreachable."""

    path: Path
    outcomes: list[Outcome]
    offline: str = ""

    def count(self, *statuses: str) -> int:
        """How many outcomes have one of these statuses."""
        return sum(o.status in statuses for o in self.outcomes)

    def lines(self, show_all: bool = False) -> list[str]:
        """The lines to print: every problem and every identifier to add (or every reference), then a summary."""
        if self.offline:
            return [f"offline: {self.offline}; no reference was checked (run `mdr-explainer refs` again when online)"]
        out = [o.text(self.path) for o in self.outcomes if show_all or o.status != "ok" or o.found]
        out.append(f"checked {len(self.outcomes)} references: {self.count('ok')} match, "
                   f"{self.count('mismatch')} mismatch, {self.count('retracted')} retraction notices, "
                   f"{self.count('found', 'unidentified')} without PMID/DOI ({self.count('found')} found), "
                   f"{self.count('not_found')} not found, {self.count('timeout', 'error')} not reached")
        return out

    @property
    def failed(self) -> bool:
        """True if any reference disagrees with its record or is retracted."""
        return bool(self.count("mismatch", "retracted", "not_found"))


def selected(references: dict[str, Reference], only: list[str] | None) -> list[Reference]:
    """The references to check: all, or the keys asked for (unknown keys are an error)."""
    if not only:
        return list(references.values())
    unknown = [k for k in only if k not in references]
    if unknown:
        raise KeyError(f"no reference {', '.join(unknown)} in references.yaml")
    return [references[k] for k in only]


def load(path: Path) -> tuple[dict[str, Reference], dict[str, int]]:
    """References and their key lines, via the content loader; ContentError if the file has problems."""
    problems = []
    refs = load_references(path, problems)
    if problems:
        raise ContentError(problems)
    return refs, mapping_lines(path.read_text(encoding="utf-8"))


def run_check(path: Path, client: Client, only: list[str] | None = None, progress=None) -> Report:
    """Check the references in a references.yaml; stops at the first sign of being offline."""
    refs, lines = load(path)
    outcomes = []
    for ref in selected(refs, only):
        try:
            outcome = check_reference(ref, lines.get(ref.key, 1), client)
        except Offline as err:
            return Report(path, outcomes, offline=str(err))
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    return Report(path, outcomes)


def valid_email(text: str) -> bool:
    """A plausible contact address for the User-Agent (never required)."""
    return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text))
