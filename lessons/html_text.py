"""The visible text of an HTML fragment (for tables of contents, search, worksheets and quizzes)."""
from __future__ import annotations

import html
import re


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))
