"""The references and glossary that lessons point into, loaded and checked."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem
from .sources import BadSource, parse_yaml, read_text


@dataclass(frozen=True)
class Reference:
    """One citable source."""

    key: str
    authors: str
    title: str
    journal: str
    year: int | None = None
    volume_pages: str = ""
    pmid: str = ""
    doi: str = ""
    url: str = ""
    note: str = ""

    def links(self) -> list[tuple[str, str, str]]:
        """(kind, identifier, address) for PMID, DOI and, only without them, the page read."""
        out = []
        if self.pmid:
            out.append(("pmid", self.pmid, f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.doi:
            out.append(("doi", self.doi, f"https://doi.org/{self.doi}"))
        if self.url and not out:
            out.append(("url", "", self.url))
        return out


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    anchor: str = ""  # the English term a translated entry keeps its anchor from, so links survive a language switch

    @property
    def slug(self) -> str:
        """Anchor id on the glossary page."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", (self.anchor or self.term).lower()).strip("-")


@dataclass
class Catalog:
    """References and glossary, with lookups by key and by any spelling of a term."""

    references: dict[str, Reference] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    spellings: dict[str, Term] = field(default_factory=dict)

    def term(self, name: str) -> Term | None:
        """The glossary entry for a term or alias, ignoring case."""
        return self.spellings.get(name.strip().lower())


def mapping_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level key in a YAML mapping."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value}


def load_mapping(path: Path, problems: list[Problem]) -> tuple[dict, dict[str, int]]:
    """A YAML file holding one mapping, with key lines; problems are collected, not raised."""
    try:
        text = read_text(path)
        data = parse_yaml(text, path)
    except FileNotFoundError:
        problems.append(Problem(path, 1, "file is missing; create it (see content/README.md)"))
        return {}, {}
    except BadSource as bad:
        problems.append(bad.problem)
        return {}, {}
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "must be a YAML mapping of `key:` entries"))
        return {}, {}
    return data, mapping_lines(text)


def load_references(path: Path, problems: list[Problem]) -> dict[str, Reference]:
    """Every reference in references.yaml, checked for the fields a citation needs."""
    data, lines = load_mapping(path, problems)
    refs = {}
    for key, entry in data.items():
        line = lines.get(str(key), 1)
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, f"reference {key!r} must be a mapping of fields"))
            continue
        missing = [f for f in ("authors", "title", "journal") if not entry.get(f)]
        if missing:
            problems.append(Problem(path, line, f"reference {key!r} lacks {', '.join(missing)}; add them"))
            continue
        if not any(entry.get(f) for f in ("pmid", "doi", "url")):
            problems.append(Problem(path, line, f"reference {key!r} needs a pmid, doi or url"))
            continue
        allowed = {f for f in Reference.__dataclass_fields__} - {"key"}
        unknown = set(entry) - allowed
        if unknown:
            problems.append(Problem(path, line, f"reference {key!r} has unknown fields "
                                                f"{', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}"))
            continue
        refs[str(key)] = Reference(key=str(key), **{k: (int(v) if k == "year" else str(v))
                                                    for k, v in entry.items()})
    return refs


def load_glossary(path: Path, references: dict, problems: list[Problem]) -> tuple[dict, dict]:
    """Glossary terms and a lookup from every lower-cased spelling to its term."""
    data, lines = load_mapping(path, problems)
    terms, spellings = {}, {}
    for name, entry in data.items():
        line = lines.get(str(name), 1)
        if not isinstance(entry, dict) or not entry.get("definition"):
            problems.append(Problem(path, line, f"term {name!r} needs a `definition:`"))
            continue
        source = str(entry.get("source") or "")
        if source and source not in references:
            problems.append(Problem(path, line, f"term {name!r} cites unknown reference {source!r}; "
                                                "add it to references.yaml or fix the key"))
        term = Term(term=str(name), definition=str(entry["definition"]).strip(),
                    aliases=tuple(str(a) for a in entry.get("aliases") or ()), source=source)
        for spelling in (term.term, *term.aliases):
            low = spelling.lower()
            if low in spellings:
                problems.append(Problem(path, line, f"{spelling!r} is already used by term "
                                                    f"{spellings[low].term!r}; make each spelling unique"))
            spellings[low] = term
        terms[term.term] = term
    return terms, spellings


def load_catalog(content: Path, problems: list[Problem]) -> Catalog:
    """References and glossary from a content folder."""
    refs = load_references(content / "references.yaml", problems)
    terms, spellings = load_glossary(content / "glossary.yaml", refs, problems)
    return Catalog(references=refs, terms=terms, spellings=spellings)
