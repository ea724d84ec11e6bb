"""Where the site shell and the packaged content live: package data of mdr_explainer."""
from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def data_dir(name: str) -> Path:
    """The packaged folder `site` or `content`, beside the lessons package (installed or editable)."""
    with as_file(files("mdr_explainer.lessons")) as lessons:
        folder = Path(lessons).parent / name
    if not folder.is_dir():
        raise FileNotFoundError(f"the installed package has no {name}/ folder; reinstall mdr-explainer")
    return folder


def default_content_dir() -> Path:
    """./content if the current folder has one, else the packaged content."""
    local = Path.cwd() / "content"
    return local if (local / "lessons").is_dir() else data_dir("content")


def site_dir() -> Path:
    """The site shell: templates and static assets."""
    return data_dir("site")
