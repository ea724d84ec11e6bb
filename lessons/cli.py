"""The mdr-explainer command: build, check and serve the lessons."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mdr_explainer.widgets.framework.wording import StringsError

from .problems import ContentError
from .paths import default_content_dir


def human_bytes(n: int) -> str:
    """Bytes as KB or MB."""
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


def cmd_build(args) -> int:
    """Build the static site; print a line per page and a summary."""
    from .build import build_site

    content = Path(args.content) if args.content else default_content_dir()
    try:
        if args.live:
            from .server import build_live

            build_live(content, Path(args.out), locale=args.locale)
            print(f"built the live pages into {args.out}; serve them with `mdr-explainer serve --site {args.out}`")
            return 0
        if args.all_locales:
            from .build import build_with_translations

            for locale, report in build_with_translations(content, Path(args.out), base_url=args.base_url).items():
                print(f"built {locale}: {len(report.pages)} pages in {report.seconds:.1f} s")
            return 0
        report = build_site(content, Path(args.out), locale=args.locale, base_url=args.base_url,
                            twins=dict(args.twin or []))
    except ContentError as err:
        print_problems(err)
        print(f"build failed; {args.out} was left as it was", file=sys.stderr)
        return 1
    except StringsError as err:
        print(err, file=sys.stderr)
        print(f"build failed; {args.out} was left as it was", file=sys.stderr)
        return 1
    for page, size in report.pages:
        print(f"  {page:<48} {human_bytes(size):>10}")
    print(f"built {len(report.pages)} pages into {args.out}: pages {human_bytes(report.total_bytes - report.static_bytes)}, "
          f"shared static {human_bytes(report.static_bytes)}, in {report.seconds:.1f} s")
    for note in report.notes:
        print(f"note: {note}")
    return 0


def print_problems(err: ContentError) -> None:
    """Every problem as file:line: message, then a count."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"{len(err.problems)} problem(s) found", file=sys.stderr)


def cmd_check(args) -> int:
    """Validate content without building."""
    from .content import load_content

    from .translation import translated_locales

    content = Path(args.content) if args.content else default_content_dir()
    try:
        loaded = load_content(content)
    except ContentError as err:
        print_problems(err)
        return 1
    print(f"ok: {len(loaded.lessons)} lessons, {len(loaded.pages)} pages, "
          f"{len(loaded.catalog.references)} references, {len(loaded.catalog.terms)} glossary terms")
    failed = False
    for locale in translated_locales(content):
        try:
            translated = load_content(content, locale=locale)
        except ContentError as err:
            print(f"{locale}:", file=sys.stderr)
            print_problems(err)
            failed = True
            continue
        print(f"ok {locale}: {len(translated.lessons)} lessons translated, no missing keys")
        print_reading_ease(translated)
    return 1 if failed else 0


def print_reading_ease(content) -> None:
    """Each Spanish patient part's Fernández-Huerta and INFLESZ scores, against the house minimums."""
    from .editorial_es import MIN_FERNANDEZ_HUERTA, MIN_INFLESZ, patient_scores

    if not content.lessons or content.lessons[0].path.parent.name.split("-")[0] != "es":
        return
    print(f"  reading ease of the patient parts (minimums: Fernández-Huerta {MIN_FERNANDEZ_HUERTA:g}, INFLESZ {MIN_INFLESZ:g})")
    for lesson in content.lessons:
        huerta, inflesz = patient_scores(lesson, content)
        print(f"  {lesson.path.name:<32} Fernández-Huerta {huerta:5.1f}  INFLESZ {inflesz:5.1f}")


def cmd_serve(args) -> int:
    """Serve the lessons live with Python-backed widgets."""
    from .server import serve

    content = Path(args.content) if args.content else default_content_dir()
    try:
        serve(content, port=args.port, show=args.show, address=args.address, num_procs=args.num_procs,
              origins=args.allow_websocket_origin, locale=args.locale, site=Path(args.site) if args.site else None)
    except ContentError as err:
        print_problems(err)
        return 1
    except StringsError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def cmd_refs(args) -> int:
    """Check references.yaml against PubMed and Crossref; --write records verified identifiers."""
    from .reference_check import load, run_check, valid_email
    from .reference_lookup import Client
    from .reference_write import write_identifiers

    content = Path(args.content) if args.content else default_content_dir()
    path = content / "references.yaml"
    if args.mailto and not valid_email(args.mailto):
        print(f"--mailto {args.mailto!r} is not an e-mail address; write it as name@example.org", file=sys.stderr)
        return 2
    client = Client(timeout=args.timeout, mailto=args.mailto)
    try:
        report = run_check(path, client, only=args.only)
    except ContentError as err:
        print_problems(err)
        return 1
    except KeyError as err:
        print(f"{path}:1: {err.args[0]}; use a key from the file", file=sys.stderr)
        return 2
    for line in report.lines(show_all=args.all):
        print(line)
    if report.offline:
        return 0
    if args.write:
        additions = {o.key: o.found for o in report.outcomes if o.found}
        added = write_identifiers(path, load(path)[1], additions) if additions else 0
        print(f"wrote {added} identifier line(s) into {path}" if added else f"nothing to write into {path}")
    return 1 if report.failed else 0


def base_url(value: str) -> str:
    """An http(s) address without a trailing slash, or an error that says how to write it."""
    if not value.startswith(("https://", "http://")):
        raise argparse.ArgumentTypeError(f"{value!r} is not an address; write it as https://your.site/path/")
    return value.rstrip("/")


def twin(value: str) -> tuple[str, str]:
    """CODE=ROOT for --twin, with ROOT ending in a slash."""
    code, sep, root = value.partition("=")
    if not sep or not code or not root:
        raise argparse.ArgumentTypeError(f"{value!r} is not CODE=ROOT; write it as en=../site-en/")
    return code, root if root.endswith("/") else root + "/"


def parser() -> argparse.ArgumentParser:
    """Command-line interface."""
    top = argparse.ArgumentParser(prog="mdr-explainer", description="Why Chemo Stops Working: build, check or serve the lessons.")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the static site")
    build.add_argument("--out", default="_site", help="output folder (default: _site)")
    build.add_argument("--content", help="content folder (default: ./content or the packaged lessons)")
    build.add_argument("--locale", default="en", help="language of the site's words: en, a folder under "
                       "content/strings/, or en-XA (pseudo-locale for layout testing)")
    build.add_argument("--twin", action="append", type=twin, metavar="CODE=ROOT",
                       help="link every page to its twin in another language's build, e.g. en=../site-en/ "
                            "(relative to this site's root, or an https:// address; repeatable)")
    build.add_argument("--all-locales", action="store_true", help="build English into --out and every translation "
                       "into --out/<code>/, linked to each other (one site)")
    build.add_argument("--live", action="store_true", help="build the live server's pages (for serve --site)")
    build.add_argument("--base-url", type=base_url, default=None,
                       help="public address the site is served from, e.g. https://example.org/mdr/ "
                            "(writes the oEmbed files and makes the course package's web links absolute; without it: no oEmbed)")
    build.set_defaults(func=cmd_build)
    check = sub.add_parser("check", help="validate lessons and print every problem")
    check.add_argument("--content", help="content folder")
    check.set_defaults(func=cmd_check)
    refs = sub.add_parser("refs", help="check references.yaml against PubMed and Crossref")
    refs.add_argument("--content", help="content folder")
    refs.add_argument("--write", action="store_true", help="record verified PMIDs/DOIs (confident matches only) "
                      "into references.yaml, changing only those lines")
    refs.add_argument("--all", action="store_true", help="print a line for every reference, not only problems")
    refs.add_argument("--only", action="append", metavar="KEY", help="check only this reference (repeatable)")
    refs.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each request (default 10)")
    refs.add_argument("--mailto", default="", help="contact address sent to NCBI and Crossref (optional, polite)")
    refs.set_defaults(func=cmd_refs)
    serve = sub.add_parser("serve", help="serve the lessons live with panel")
    serve.add_argument("--port", type=int, default=5006)
    serve.add_argument("--address", default="127.0.0.1")
    serve.add_argument("--content", help="content folder")
    serve.add_argument("--show", action="store_true", help="open a browser")
    serve.add_argument("--locale", default="en", help="language of the site's words (as for build)")
    serve.add_argument("--num-procs", type=int, default=1, help="forked worker processes sharing one port (Tornado does not balance "
                       "sockets across them; for a class use deploy/run.sh N PORT)")
    serve.add_argument("--allow-websocket-origin", action="append", default=[],
                       help="public host:port the pages are served under (repeatable)")
    serve.add_argument("--site", help="serve live pages built by `build --live` instead of building at start-up "
                       "(several processes share one build)")
    serve.set_defaults(func=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
