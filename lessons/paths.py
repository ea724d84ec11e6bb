"""Where the site shell and the packaged content live: package data of mdr_explainer."""
from __future__ import annotations

from pathlib import Path

from mdr_explainer.widgets.framework.paths import data_dir


def default_content_dir() -> Path:
    """./content if the current folder has one, else the packaged content."""
    local = Path.cwd() / "content"
    return local if (local / "lessons").is_dir() else data_dir("content")


def site_dir() -> Path:
    """The site shell: templates and static assets."""
    return data_dir("site")
