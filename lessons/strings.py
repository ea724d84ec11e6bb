"""The site's words in one locale: chrome text for templates, number symbols and plural rules."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from mdr_explainer.widgets.framework.describe import render
from mdr_explainer.widgets.framework.numbers import NumberLocale, format_value
from mdr_explainer.widgets.framework.wording import StringsError, load_tree, site_string, widget_text

from .sanitize import sanitize


@dataclass(frozen=True, eq=False)
class SiteText:
    """The site strings of one locale, with the locale's number rules."""

    data: dict
    locale: NumberLocale
    content_dir: Path | None = None

    @property
    def lang(self) -> str:
        """The BCP 47 code for <html lang>."""
        return self.locale.code

    @property
    def direction(self) -> str:
        """ltr or rtl."""
        return str(self.data.get("locale", {}).get("direction", "ltr"))

    def raw(self, key: str) -> str:
        """The template behind a dotted key; the error names the file and the key to add."""
        return site_string(self.data, key, self.locale.code)

    def __call__(self, key: str, **values) -> str:
        """The text for a key with its {placeholders} filled (numbers by locale, plurals by rule)."""
        return render(self.raw(key), values, self.locale)

    def html(self, key: str, **values) -> Markup:
        """A string that may hold inline HTML (e.g. <strong>), sanitised."""
        return Markup(sanitize(self(key, **values)))

    def num(self, value: float, fmt: str = "") -> str:
        """A number in this locale."""
        return format_value(float(value), fmt, self.locale)

    def time(self, day: datetime.date) -> str:
        """A <time> element with the date written in this locale (for t.html)."""
        from babel.dates import format_date

        shown = format_date(day, format="long", locale=self.locale.plural_code.replace("-", "_"))
        return f'<time datetime="{day.isoformat()}">{shown}</time>'

    def widget(self, name: str):
        """A widget's words in this locale."""
        return widget_text(name, self.locale.code, self.content_dir)


def number_locale(data: dict) -> NumberLocale:
    """The NumberLocale a site strings file declares under `locale`."""
    spec = data.get("locale") or {}
    code = str(spec.get("code", "en"))
    return NumberLocale(code=code, decimal=str(spec.get("decimal", ".")), group=str(spec.get("group", ",")),
                        min_grouping=int(spec.get("min_grouping", 1)), plural_code=str(spec.get("plural", code)))


@lru_cache(maxsize=None)
def site_text(locale: str = "en", content_dir: Path | None = None) -> SiteText:
    """The site's words for a locale, over English."""
    data = load_tree("site.yaml", locale, content_dir)
    return SiteText(data=data, locale=number_locale(data), content_dir=content_dir)


def widget_word_problems(content_dir: Path | None, registry: dict) -> list:
    """Every word a registered widget needs that its strings files lack, per locale, as Problems."""
    from mdr_explainer.widgets.framework.describe import template_keys
    from mdr_explainer.widgets.framework.wording import first_file, missing_words, strings_roots

    from .problems import Problem

    roots = strings_roots(content_dir)
    locales = sorted({p.name for root in roots for p in root.iterdir() if p.is_dir()})
    problems = []
    for name, widget in registry.items():
        for locale in locales:
            path = first_file(roots, locale, f"widgets/{name}.yaml")
            if path is None:
                if locale == "en":
                    problems.append(Problem(roots[0] / "en" / "widgets" / f"{name}.yaml", 1,
                                            f"widget {name!r} has no strings file; create it (see widgets/README.md)"))
                continue
            try:
                words = widget_text(name, locale, content_dir)
            except StringsError as err:
                problems.append(Problem(path, 1, str(err)))
                continue
            problems += [Problem(path, 1, line.split(": ", 1)[1]) for line in missing_words(widget, words)]
            known = set(widget.output_keys(widget_text(name).sentence)) | {p.name for p in widget.params}
            unknown = set(template_keys(words.sentence)) - known
            if unknown:
                problems.append(Problem(path, 1, f"a11y.sentence reads unknown values {', '.join(sorted(unknown))}; "
                                                 "use the model's outputs or the parameters"))
            mech = widget.mechanism
            unknown = set(template_keys(words.get("mechanism", "sentence", default=""))) - known - set(mech.values() if mech else ())
            if mech and unknown:
                problems.append(Problem(path, 1, f"mechanism.sentence reads unknown values {', '.join(sorted(unknown))}; "
                                                 "use the outputs the widget's Mechanism declares"))
    return problems


def dotted_keys(tree: dict, prefix: str = "") -> set[str]:
    """Every leaf of a strings tree as a dotted key (the `locale` block is settings, not words)."""
    keys = set()
    for key, value in tree.items():
        if not prefix and key == "locale":
            continue
        path = f"{prefix}{key}"
        keys |= dotted_keys(value, path + ".") if isinstance(value, dict) else {path}
    return keys


def strings_files(content_dir: Path | None, locale: str) -> list[str]:
    """The strings files (relative to strings/<locale>/) English has: site.yaml and widgets/*.yaml."""
    from mdr_explainer.widgets.framework.wording import SOURCE, strings_roots

    names = {p.relative_to(root / SOURCE).as_posix() for root in strings_roots(content_dir)
             for p in (root / SOURCE).rglob("*.yaml")}
    return sorted(names)


def translation_problems(content_dir: Path | None, locale: str) -> list:
    """Every key a locale's strings files lack or have in excess of English, as Problems naming the file."""
    from mdr_explainer.widgets.framework.wording import SOURCE, first_file, read_yaml, strings_roots

    from .problems import Problem

    roots = strings_roots(content_dir)
    problems = []
    for relative in strings_files(content_dir, locale):
        english = dotted_keys(read_yaml(first_file(roots, SOURCE, relative)))
        path = first_file(roots, locale, relative)
        if path is None:
            problems.append(Problem(roots[0] / locale / relative, 1, f"file is missing ({len(english)} keys); "
                                                                     f"copy content/strings/{SOURCE}/{relative} and translate it"))
            continue
        translated = dotted_keys(read_yaml(path))
        problems += [Problem(path, 1, f"missing key {key}; translate it from content/strings/{SOURCE}/{relative}")
                     for key in sorted(english - translated)]
        problems += [Problem(path, 1, f"key {key} is not in content/strings/{SOURCE}/{relative}; remove or rename it")
                     for key in sorted(translated - english)]
    return problems


def requires_every_key(locale: str, content_dir: Path | None = None) -> bool:
    """True if the locale's site.yaml sets `locale: missing: error` (no silent English fallback)."""
    from mdr_explainer.widgets.framework.wording import PSEUDO, SOURCE, first_file, read_yaml, strings_roots

    if locale in (SOURCE, PSEUDO):
        return False
    path = first_file(strings_roots(content_dir), locale, "site.yaml")
    return path is not None and str((read_yaml(path).get("locale") or {}).get("missing", "english")) == "error"
