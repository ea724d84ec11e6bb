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
from .validate import (check_front_matter, check_icons, check_inline, check_parts, check_quiz, check_recall, check_widget,
                       check_worked, repeat_recall)


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
        elif block.kind == "recall":
            check_recall(src, block, found)
            for question in block.data or []:
                if isinstance(question, dict):
                    check_inline(src, f"{question.get('question', '')} {question.get('answer', '')}", block.line,
                                 catalog, listed, found)
        elif block.kind == "worked":
            check_worked(src, block, found)
            for text in worked_texts(block.data):
                check_inline(src, text, block.line, catalog, listed, found)
    repeat_recall(src, body.blocks, found)
    problems.extend(found)
    return Lesson(path=path, kind=kind, meta=src.meta, body=body)


def worked_texts(data) -> list[str]:
    """Every text of a checked worked example (None if it did not pass its check)."""
    if not data:
        return []
    return [data["title"], data["rule"], *data["steps"]] + [
        str(t) for item in data["problems"] for t in [item["given"], *item["results"]]]


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


def load_content(root: Path, registry: dict | None = None, locale: str = "en") -> Content:
    """Load and check a content folder (translated into locale if it has lessons/<locale>/); raise ContentError
    listing every problem found."""
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
    return translated_content(content, locale, registry) if locale != "en" else content


def translated_content(content: Content, locale: str, registry: dict) -> Content:
    """The content in a locale: its translation (checked, house style included) or, without one, English."""
    from .editorial_es import check_spanish
    from .illustrations import illustration_problems
    from .strings import requires_every_key, translation_problems
    from .translation import translate, translated_locales

    problems = translation_problems(content.root, locale) if requires_every_key(locale, content.root) else []
    if locale not in translated_locales(content.root):
        if problems:
            raise ContentError(problems)
        return content
    translated = translate(content, locale, registry, problems)
    problems.extend(illustration_problems(content.root, locale))
    if locale.split("-")[0] == "es":
        problems.extend(check_spanish(translated))
    if problems:
        raise ContentError(problems)
    return translated
