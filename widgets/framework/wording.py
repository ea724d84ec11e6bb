"""The words of widgets and site, read from strings files per locale, with a pseudo-locale for testing.

Layout (PhET's strings files are the model):
  content/strings/<locale>/site.yaml             site chrome, a11y text under `a11y`
  content/strings/<locale>/widgets/<name>.yaml   one widget's words, its sentence under `a11y`
A locale's file may leave keys out; they fall back to English. The pseudo-locale `en-XA` is
English with every string accented and doubled in length, to find clipped or hard-coded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .paths import data_dir

PSEUDO = "en-XA"
SOURCE = "en"
ACCENTS = str.maketrans("AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpRrSsTtUuVvWwXxYyZz",
                        "ÅåƁƀÇçĐđÉéƑƒĜĝĤĥÎîĴĵĶķĻļṀṁÑñÖöƤƥŔŕŠšŢţÛûṼṽŴŵẊẋÝýŽž")
# Template syntax the pseudo-locale must keep intact: {?cond|…|…}, {#key|one:…|other:…}, {key:fmt}, tags.
TOKEN = re.compile(r"(<[^>]*>|\{[?#]?[A-Za-z_][\w\s<>=.\-]*(?::[\w.]*)?(?=[|}])|[|}{]|(?<=\|)(?:zero|one|two|few|many|other):)")


class StringsError(ValueError):
    """A strings file is missing, unreadable or lacks a key; the message names the file and fix."""


def strings_roots(content_dir: Path | None = None) -> list[Path]:
    """Folders holding strings/<locale>/: the given content folder first, then the packaged one."""
    roots = [Path(content_dir) / "strings"] if content_dir else []
    packaged = data_dir("content") / "strings"
    return [r for r in roots + [packaged] if r.is_dir()]


def read_yaml(path: Path) -> dict:
    """One strings file as a mapping; a clear error if it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise StringsError(f"{path}:{line}: not valid YAML ({getattr(err, 'problem', err)}); fix the syntax") from None
    if not isinstance(data, dict):
        raise StringsError(f"{path}:1: must be a mapping of keys to strings")
    return data


def merged(base: dict, over: dict) -> dict:
    """over's keys on top of base, recursively (a translation over English)."""
    out = dict(base)
    for key, value in over.items():
        out[key] = merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def pseudo_text(text: str) -> str:
    """Accent the words of a string and double its length, keeping placeholders and tags."""
    pieces = TOKEN.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1 or not piece.strip():
            out.append(piece)
            continue
        accented = piece.translate(ACCENTS)
        words = accented.strip()
        out.append(accented.rstrip() + " " + words + piece[len(piece.rstrip()):])
    return "".join(out)


def pseudo(data):
    """Pseudo-localise every string value of a strings tree (locale data and keys are kept)."""
    if isinstance(data, dict):
        return {k: (v if k == "locale" else pseudo(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [pseudo(v) for v in data]
    return pseudo_text(data) if isinstance(data, str) else data


PSEUDO_LOCALE = {"code": PSEUDO, "decimal": ",", "group": ".", "min_grouping": 1, "plural": "en"}


def load_tree(relative: str, locale: str, content_dir: Path | None = None) -> dict:
    """A strings file for a locale, over English; the pseudo-locale is derived from English."""
    roots = strings_roots(content_dir)
    english = first_file(roots, SOURCE, relative)
    if english is None:
        raise StringsError(f"no strings file {SOURCE}/{relative} under {', '.join(map(str, roots))}; "
                           f"create content/strings/{SOURCE}/{relative}")
    data = read_yaml(english)
    if locale == PSEUDO:
        tree = pseudo(data)
        if "locale" in tree:
            tree["locale"] = dict(PSEUDO_LOCALE)
        return tree
    if locale != SOURCE:
        translated = first_file(roots, locale, relative)
        if translated is not None:
            data = merged(data, read_yaml(translated))
    return data


def site_string(data: dict, key: str, locale: str) -> str:
    """The text behind a dotted key of a site strings tree; the error names the file and the key to add."""
    node = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise StringsError(f"content/strings/{locale}/site.yaml: missing key {key}; add it")
        node = node[part]
    return str(node)


def first_file(roots: list[Path], locale: str, relative: str) -> Path | None:
    """The first root's strings file for a locale, if any."""
    for root in roots:
        path = root / locale / relative
        if path.is_file():
            return path
    return None


# The words each kind of mechanism view needs under `mechanism:` (besides one title and text per stage).
MECHANISM_WORDS = {
    "cell": ("title", "picture", "sentence", "counts", "pause", "play", "still", "legend", "labels"),
    "cycle": ("title", "picture", "sentence", "now", "stalled_now", "moved", "list_title", "pause", "play",
              "previous", "next", "still"),
}


@dataclass(frozen=True)
class WidgetText:
    """One widget's words in one locale."""

    name: str
    data: dict
    source: str

    def get(self, *path: str, default=None):
        """A nested value, or default."""
        node = self.data
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def need(self, *path: str) -> str:
        """A nested string that must exist; the error names the file and the key to add."""
        value = self.get(*path)
        if value is None:
            raise StringsError(f"{self.source}: missing key {'.'.join(path)}; add it")
        return str(value)

    @property
    def title(self) -> str:
        """The widget's title."""
        return self.need("title")

    @property
    def summary(self) -> str:
        """One line on what the widget shows."""
        return self.need("summary")

    @property
    def sentence(self) -> str:
        """The description template a screen reader hears and a printout shows."""
        return self.need("a11y", "sentence")

    def param(self, name: str, field: str) -> str:
        """label, unit or help of a parameter ('' for an absent unit)."""
        return str(self.get("params", name, field, default="")) if field == "unit" else self.need("params", name, field)

    def option(self, name: str, option: str) -> str:
        """The words for one option of a choice parameter."""
        return self.need("params", name, "options", option)

    def figure(self, name: str, field: str) -> str:
        """title, x_label or y_label of a figure ('' where a figure has no axes)."""
        return str(self.get("figures", name, field, default=""))

    def legend(self, figure: str, key: str) -> str:
        """The legend entry of a glyph, or '' for a glyph without one."""
        return str(self.get("figures", figure, "legend", key, default=""))

    def label(self, figure: str, key: str) -> str:
        """The words of a fixed text label drawn in a figure."""
        return self.need("figures", figure, "labels", key)

    def readout(self, key: str, field: str) -> str:
        """label or unit of a readout."""
        return str(self.get("readouts", key, field, default="")) if field == "unit" else self.need("readouts", key, field)

    def preset(self, name: str) -> str:
        """The title of a preset."""
        return self.need("presets", name)


@lru_cache(maxsize=None)
def widget_text(name: str, locale: str = SOURCE, content_dir: Path | None = None) -> WidgetText:
    """A widget's words in a locale (falling back to English key by key)."""
    relative = f"widgets/{name}.yaml"
    return WidgetText(name=name, data=load_tree(relative, locale, content_dir),
                      source=f"content/strings/{locale}/{relative}")


def missing_words(widget, text: WidgetText) -> list[str]:
    """Every key a widget's declaration needs that its strings file lacks, as 'file: fix' lines."""
    from .prediction import question_words

    needed = [("title",), ("summary",), ("a11y", "sentence")]
    for p in widget.params:
        needed += [("params", p.name, "label"), ("params", p.name, "help")]
        needed += [("params", p.name, "options", o) for o in p.options]
    for r in widget.readouts:
        needed.append(("readouts", r.key, "label"))
    for f in widget.figures:
        needed += [("figures", f.name, "labels", g.text_key) for g in f.glyphs if g.kind == "text"]
    needed += [("presets", p.name) for p in widget.presets]
    needed += [key for q in widget.questions for key in question_words(q)]
    if widget.mechanism:
        needed += [("mechanism", k) for k in MECHANISM_WORDS[widget.mechanism.kind]]
        needed += [("mechanism", "stages", s, f) for s in widget.mechanism.stages for f in ("title", "text")]
    return [f"{text.source}: missing key {'.'.join(k)}; add it" for k in needed if text.get(*k) is None]
