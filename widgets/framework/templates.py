"""The Jinja settings every view of site/templates uses: autoescaped, strict, trimmed blocks."""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .paths import data_dir


def template_environment() -> Environment:
    """A fresh Jinja environment over the packaged site/templates."""
    return Environment(loader=FileSystemLoader(str(data_dir("site") / "templates")),
                       autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
