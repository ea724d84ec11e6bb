"""A checked lesson or page, and everything the site is built from (what content.py loads)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .parse import Body


@dataclass
class Lesson:
    """A checked lesson or page: front matter plus parsed body."""

    path: Path
    kind: str
    meta: dict
    body: Body
    languages: dict[str, str] = field(default_factory=dict)  # audience -> BCP 47 code where it differs from the site

    @property
    def slug(self) -> str:
        """URL folder of the page."""
        return self.meta["slug"]

    @property
    def title(self) -> str:
        """Page title."""
        return self.meta["title"]

    def widget_names(self) -> list[str]:
        """Widgets this page shows, in order, without repeats."""
        return list(dict.fromkeys(b.name for b in self.body.blocks if b.kind == "widget"))


@dataclass
class Content:
    """Everything the site is built from."""

    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    pages: list[Lesson] = field(default_factory=list)
    catalog: Catalog = field(default_factory=Catalog)
