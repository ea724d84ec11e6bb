"""Read content files strictly: UTF-8, not empty, YAML front matter with line numbers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem


@dataclass(frozen=True)
class SourceText:
    """A content file's front matter and body, with the line where the body starts."""

    path: Path
    meta: dict
    body: str
    body_line: int


def read_text(path: Path) -> str:
    """The file as text; raises Problem-carrying ValueError on bad bytes or emptiness."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise BadSource(Problem(path, line, f"bytes that are not UTF-8 at byte {err.start}; "
                                            "save the file as UTF-8")) from None
    if not text.strip():
        raise BadSource(Problem(path, 1, "the file is empty; add front matter and a body, "
                                         "or delete the file"))
    return text.lstrip("\ufeff")


class BadSource(Exception):
    """A file that cannot be read as content at all."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def parse_yaml(text: str, path: Path, first_line: int = 1):
    """YAML data, or BadSource naming the line of the syntax error."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise BadSource(Problem(path, line, f"YAML error: {what}; check indentation, colons "
                                            "and quotes on this line")) from None


def split_front_matter(path: Path) -> SourceText:
    """Separate the `---` front matter from the Markdown body."""
    text = read_text(path)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise BadSource(Problem(path, 1, "missing front matter; start the file with a line "
                                         "`---`, the YAML fields, then `---`"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise BadSource(Problem(path, 1, "front matter is never closed; add a line `---` "
                                         "after the YAML fields")) from None
    meta = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    if not isinstance(meta, dict):
        raise BadSource(Problem(path, 2, "front matter must be YAML `key: value` fields"))
    return SourceText(path=path, meta=meta, body="\n".join(lines[end + 1:]), body_line=end + 2)


def field_line(path: Path, key: str) -> int:
    """Line of a top-level front-matter key, for pointing at a bad field (1 if absent)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1
