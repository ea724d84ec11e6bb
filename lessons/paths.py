"""Where the site shell and the default content live, in a checkout or an installed copy."""
from __future__ import annotations

import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
INSTALLED = Path(sys.prefix) / "share" / "mdr-explainer"


def data_dir(name: str) -> Path:
    """The folder `site` or `content`: from the checkout if present, else the installed copy."""
    for root in (CHECKOUT, INSTALLED):
        if (root / name).is_dir():
            return root / name
    raise FileNotFoundError(f"cannot find the {name}/ folder in {CHECKOUT} or {INSTALLED}")


def default_content_dir() -> Path:
    """./content if the current folder has one, else the packaged content."""
    local = Path.cwd() / "content"
    return local if (local / "lessons").is_dir() else data_dir("content")


def site_dir() -> Path:
    """The site shell: templates and static assets."""
    return data_dir("site")
