"""A translated site: each lesson's patient part, quiz and front matter, pages and glossary in another language.

Format (content/README.md, "Translations"): the English lesson stays the one source of structure.
content/lessons/<locale>/NN-slug.md holds, for the English file of the same name, the translated
`title`, `key_message`, `patient_message` (and optionally `reading_time`), the `::: patient` part
with the same headings, widget and icon blocks and citation keys, and the quiz with the same
questions and correct choices. The student and teacher parts are taken from English and marked
as English. content/pages/<locale>/*.md replace the English pages of the same slug;
content/glossary.<locale>.yaml gives each English term its translated name, aliases and definition.
"""
from __future__ import annotations

import re
from pathlib import Path

from .catalog import Catalog, Term, load_mapping
from .inline import find_citations
from .lesson import Content, Lesson
from .markup import CitationOrder, render_markdown
from .page_loading import check_block, load_page
from .parse import Block, parse_body
from .problems import Problem
from .sources import BadSource, field_line, split_front_matter

SOURCE_LANGUAGE = "en"
TRANSLATED_PARTS = ("patient", "shared")  # audiences a translation replaces; the others stay English
REQUIRED_FIELDS = ("title", "slug", "key_message", "patient_message")
OPTIONAL_FIELDS = ("reading_time",)
HEADING_LINE = re.compile(r"^(#{2,6})\s+(.+?)\s*$", re.M)
HEADING_ID = re.compile(r"<h([2-6])[^>]*\bid=\"([^\"]+)\"")


def translated_locales(root: Path) -> list[str]:
    """Locales with a lessons/<locale>/ folder of translated lessons."""
    return sorted(p.name for p in (Path(root) / "lessons").iterdir() if p.is_dir() and any(p.glob("*.md")))


def glossary_path(root: Path, locale: str) -> Path:
    """content/glossary.<locale>.yaml."""
    return Path(root) / f"glossary.{locale}.yaml"


def translated_catalog(root: Path, locale: str, english: Catalog, problems: list[Problem]) -> Catalog:
    """The glossary in a locale (translated name, definition, aliases; English spellings still resolve)."""
    path = glossary_path(root, locale)
    data, lines = load_mapping(path, problems)
    terms, spellings = {}, {}
    for name in sorted(set(english.terms) - set(data)):
        problems.append(Problem(path, 1, f"term {name!r} has no translation; add `{name}:` with `term:` and `definition:`"))
    for name, entry in data.items():
        line = lines.get(str(name), 1)
        source = english.terms.get(str(name))
        if source is None:
            problems.append(Problem(path, line, f"{name!r} is not a term of glossary.yaml; use the English term as the key"))
            continue
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            problems.append(Problem(path, line, f"term {name!r} needs `term:` (the translated name) and `definition:`"))
            continue
        aliases = tuple(str(a) for a in entry.get("aliases") or ())
        term = Term(term=str(entry["term"]), definition=str(entry["definition"]).strip(),
                    aliases=aliases + tuple(s for s in (source.term, *source.aliases) if s not in aliases),
                    source=source.source, anchor=source.term)
        for spelling in dict.fromkeys(s.lower() for s in (term.term, *term.aliases)):
            if spelling in spellings and spellings[spelling].anchor != term.anchor:
                problems.append(Problem(path, line, f"{spelling!r} is already used by term {spellings[spelling].term!r}; "
                                                    "make each spelling unique"))
            spellings[spelling] = term
        terms[term.term] = term
    return Catalog(references=english.references, terms=terms, spellings=spellings)


def heading_ids(lesson, catalog: Catalog) -> list[tuple[int, str]]:
    """(level, id) of every heading of the English patient part, in order."""
    html = "\n".join(render_markdown(b.text, catalog, CitationOrder(), "", id_prefix=b.audience)
                     for b in lesson.body.blocks if b.kind == "markdown" and b.audience == "patient")
    return [(int(level), anchor) for level, anchor in HEADING_ID.findall(html)]


def with_english_ids(text: str, ids: list[tuple[int, str]], start: int) -> str:
    """Give a translated block's headings the English headings' ids, so #links survive the language switch."""
    position = start

    def one(match: re.Match) -> str:
        nonlocal position
        anchor = ids[position][1]
        position += 1
        return f"{match.group(1)} {match.group(2)} {{#{anchor}}}"
    return HEADING_LINE.sub(one, text)


def block_shape(block: Block):
    """What must match between a translation and its English block: kind, widget, preset, params, numbers."""
    data = block.data if isinstance(block.data, dict) else {}
    if block.kind == "widget":
        return ("widget", block.name, data.get("preset"), tuple(sorted((data.get("params") or {}).items())))
    if block.kind == "icons":
        return ("icons", data.get("count"), data.get("of"))
    return (block.kind,)


def check_same_structure(path: Path, english, blocks: list[Block], problems: list[Problem]) -> None:
    """Same widget and icon blocks, citation keys, headings and quiz answers as the English lesson."""
    def figures(items):
        return [block_shape(b) for b in items if b.audience == "patient" and b.kind in ("widget", "icons")]
    if figures(english.body.blocks) != figures(blocks):
        problems.append(Problem(path, 1, f"the patient part's widget and icon blocks differ from {english.path.name}: "
                                         f"English has {figures(english.body.blocks)}, here {figures(blocks)}; "
                                         "copy the English blocks and translate only their words"))

    def cited(items):
        return {k for b in items if b.audience == "patient" and b.kind == "markdown" for k, _ in find_citations(b.text)}
    missing, extra = cited(english.body.blocks) - cited(blocks), cited(blocks) - cited(english.body.blocks)
    if missing or extra:
        problems.append(Problem(path, 1, f"the patient part cites differently from {english.path.name}: "
                                         f"missing {sorted(missing)}, extra {sorted(extra)}; keep every [@key] of the English text"))

    def quiz(items):
        return [[bool(c.get("correct")) for c in q.get("choices", [])] for b in items if b.kind == "quiz"
                for q in (b.data or []) if isinstance(q, dict)]
    if quiz(english.body.blocks) != quiz(blocks):
        first = next((b.line for b in blocks if b.kind == "quiz"), 1)
        problems.append(Problem(path, first, f"the quiz differs from {english.path.name}: keep the same questions, "
                                             "choices and correct answers, in the same order"))


def translated_blocks(path: Path, src, english, catalog: Catalog, registry: dict, problems: list[Problem]) -> list[Block]:
    """The translation's blocks, checked, with English heading ids; only the patient part and the quiz."""
    body = parse_body(path, src.body, src.body_line, problems)
    for audience, line in body.parts.items():
        if audience != "patient":
            problems.append(Problem(path, line, f"a translation holds only the `::: patient` part; the {audience} part "
                                                "is taken from the English lesson, remove it here"))
    if "patient" not in body.parts:
        problems.append(Problem(path, src.body_line, "translation has no `::: patient` part; add it"))
    listed = set(english.meta.get("references") or [])
    for block in body.blocks:
        check_block(src, block, catalog, listed, registry, problems)
    ids = heading_ids(english, catalog)
    patient = [b for b in body.blocks if b.kind == "markdown" and b.audience == "patient"]
    found = sum(len(HEADING_LINE.findall(b.text)) for b in patient)
    if found != len(ids):
        problems.append(Problem(path, body.parts.get("patient", 1), f"the patient part has {found} headings, "
                                f"{english.path.name} has {len(ids)}; translate each heading, add or drop none"))
    else:
        position = 0
        for block in patient:
            block.text = with_english_ids(block.text, ids, position)
            position += len(HEADING_LINE.findall(block.text))
    check_same_structure(path, english, body.blocks, problems)
    return body.blocks


def merged_blocks(english_blocks: list[Block], translated: list[Block]) -> list[Block]:
    """English order, with each translated audience's blocks placed where that audience first appears."""
    out, placed = [], set()
    for block in english_blocks:
        if block.audience not in TRANSLATED_PARTS:
            out.append(block)
        elif block.audience not in placed:
            placed.add(block.audience)
            out += [b for b in translated if b.audience == block.audience]
    return out + [b for b in translated if b.audience not in placed]


def check_front_matter(path: Path, meta: dict, english, problems: list[Problem]) -> None:
    """The translated fields are present, known and text; the slug is the English one."""
    for key in REQUIRED_FIELDS:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            problems.append(Problem(path, field_line(path, key), f"front matter lacks `{key}`; add it (text)"))
    for key in set(meta) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS):
        problems.append(Problem(path, field_line(path, key), f"`{key}` is taken from {english.path.name}; remove it "
                                                             f"here (a translation sets {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})"))
    if meta.get("slug") and meta.get("slug") != english.slug:
        problems.append(Problem(path, field_line(path, "slug"), f"slug {meta['slug']!r} must be the English slug "
                                                                f"{english.slug!r}, so the twins share an address"))
    if "reading_time" in meta and (not isinstance(meta["reading_time"], int) or meta["reading_time"] <= 0):
        problems.append(Problem(path, field_line(path, "reading_time"), "`reading_time` must be a whole number of minutes"))


def translated_lesson(path: Path, english, catalog: Catalog, registry: dict, locale: str, problems: list[Problem]):
    """One translated lesson merged over its English twin; None if the file cannot be read."""
    try:
        src = split_front_matter(path)
    except BadSource as bad:
        problems.append(bad.problem)
        return None
    check_front_matter(path, src.meta, english, problems)
    blocks = translated_blocks(path, src, english, catalog, registry, problems)
    meta = {**english.meta, **{k: v for k, v in src.meta.items() if k in REQUIRED_FIELDS + OPTIONAL_FIELDS}}
    languages = {b.audience: SOURCE_LANGUAGE for b in english.body.blocks if b.audience not in TRANSLATED_PARTS}
    body = type(english.body)(blocks=merged_blocks(english.body.blocks, blocks), parts=english.body.parts)
    return Lesson(path=path, kind="lesson", meta=meta, body=body, languages=languages)


def translated_pages(root: Path, locale: str, english: list, catalog: Catalog, registry: dict, problems: list[Problem]):
    """content/pages/<locale>/*.md, each replacing the English page of its slug; every English page needs one."""
    folder = Path(root) / "pages" / locale
    pages = [p for p in (load_page(path, "page", catalog, registry, problems) for path in sorted(folder.glob("*.md"))) if p]
    by_slug = {p.meta.get("slug"): p for p in pages}
    for page in english:
        if page.slug not in by_slug:
            problems.append(Problem(folder / page.path.name, 1, f"page {page.slug!r} has no translation; "
                                                                f"create this file from {page.path}"))
    for page in pages:
        if page.meta.get("slug") not in {p.slug for p in english}:
            problems.append(Problem(page.path, field_line(page.path, "slug"), f"slug {page.meta.get('slug')!r} is not "
                                                                              "the slug of an English page; use the twin's slug"))
    return [by_slug.get(p.slug, p) for p in english]


def translate(content, locale: str, registry: dict, problems: list[Problem]):
    """The Content of a locale: translated lessons, pages and glossary over the English content."""
    root = Path(content.root)
    catalog = translated_catalog(root, locale, content.catalog, problems)
    folder = root / "lessons" / locale
    files = {p.name: p for p in folder.glob("*.md")}
    lessons = []
    for english in content.lessons:
        path = files.pop(english.path.name, None)
        if path is None:
            problems.append(Problem(folder / english.path.name, 1, f"lesson {english.path.name} has no translation; "
                                                                   "create this file (see content/README.md, Translations)"))
            continue
        lesson = translated_lesson(path, english, catalog, registry, locale, problems)
        if lesson:
            lessons.append(lesson)
    for name, path in sorted(files.items()):
        problems.append(Problem(path, 1, f"no English lesson {name} to translate; name the file after its English twin"))
    pages = translated_pages(root, locale, content.pages, catalog, registry, problems)
    return Content(root=root, lessons=lessons, pages=pages, catalog=catalog)
