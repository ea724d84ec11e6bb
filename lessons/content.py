"""Load a whole content folder into checked Lesson objects, reporting every problem at once."""
from __future__ import annotations

from pathlib import Path

from .catalog import load_catalog
from .editorial import check_editorial
from .lesson import Content, Lesson
from .page_loading import load_page
from .problems import ContentError, Problem
from .sources import field_line
from .strings import widget_word_problems


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
