"""Load a whole content folder into checked Lesson objects, reporting every problem at once."""
from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, load_catalog
from .strings import widget_word_problems
from .editorial import check_editorial
from .lesson import Content, Lesson
from .parse import parse_body
from .problems import ContentError, Problem
from .sources import BadSource, field_line, split_front_matter
from .validate import check_front_matter, check_icons, check_inline, check_parts, check_quiz, check_widget


def load_page(path: Path, kind: str, catalog: Catalog, registry: dict, problems: list[Problem]) -> Lesson | None:
    """Read and check one lesson or page; None if it cannot be read at all."""
    try:
        src = split_front_matter(path)
    except BadSource as bad:
        problems.append(bad.problem)
        return None
    found: list[Problem] = []
    check_front_matter(src, kind, found)
    body = parse_body(path, src.body, src.body_line, found)
    check_parts(src, body.parts, kind, found)
    listed = set(src.meta.get("references") or []) if kind == "lesson" else None
    for key in sorted(listed or ()):
        if key not in catalog.references:
            found.append(Problem(path, field_line(path, "references"), f"front matter lists unknown "
                                                                       f"reference {key!r}; add it to references.yaml"))
    for block in body.blocks:
        if block.kind == "markdown":
            check_inline(src, block.text, block.line, catalog, listed, found)
        elif block.kind == "widget":
            check_widget(src, block, registry, found)
            if block.data:
                check_inline(src, block.data["caption"], block.line, catalog, listed, found)
        elif block.kind == "icons":
            check_icons(src, block, found)
            if block.data:
                check_inline(src, block.data["label"], block.line, catalog, listed, found)
        elif block.kind == "quiz":
            check_quiz(src, block, found)
            for question in block.data or []:
                texts = [str(question.get("question", ""))] + [
                    f"{c.get('text', '')} {c.get('feedback', '')}" for c in question.get("choices", [])]
                for text in texts:
                    check_inline(src, text, block.line, catalog, listed, found)
    problems.extend(found)
    return Lesson(path=path, kind=kind, meta=src.meta, body=body)


def check_unique_slugs(pages: list[Lesson], problems: list[Problem]) -> None:
    """No two pages share a slug (they would overwrite each other)."""
    seen: dict[str, Path] = {}
    for page in pages:
        slug = page.meta.get("slug")
        if not isinstance(slug, str):
            continue
        if slug in seen:
            problems.append(Problem(page.path, field_line(page.path, "slug"),
                                    f"slug {slug!r} is already used by {seen[slug]}; choose another"))
        seen.setdefault(slug, page.path)


RESERVED_SLUGS = {"static", "embed", "glossary", "widgets", "index", "course"}


def load_content(root: Path, registry: dict | None = None) -> Content:
    """Load and check a content folder; raise ContentError listing every problem found."""
    if registry is None:
        from mdr_explainer.widgets.registry import REGISTRY as registry
    root = Path(root)
    problems: list[Problem] = []
    if not (root / "lessons").is_dir():
        raise ContentError([Problem(root, 1, "no lessons/ folder here; point --content at a "
                                             "folder holding lessons/, glossary.yaml and references.yaml")])
    catalog = load_catalog(root, problems)
    lessons = [load_page(p, "lesson", catalog, registry, problems) for p in sorted((root / "lessons").glob("*.md"))]
    pages = [load_page(p, "page", catalog, registry, problems) for p in sorted((root / "pages").glob("*.md"))]
    lessons = [x for x in lessons if x]
    pages = [x for x in pages if x]
    if not lessons:
        problems.append(Problem(root / "lessons", 1, "no lessons found; add a file like 01-intro.md"))
    check_unique_slugs(lessons + pages, problems)
    for page in lessons + pages:
        if page.meta.get("slug") in RESERVED_SLUGS:
            problems.append(Problem(page.path, field_line(page.path, "slug"),
                                    f"slug {page.meta['slug']!r} is reserved by the site; choose another"))
    content = Content(root=root, lessons=lessons, pages=pages, catalog=catalog)
    problems.extend(check_editorial(content))
    problems.extend(widget_word_problems(root, registry))
    if problems:
        raise ContentError(problems)
    return content
