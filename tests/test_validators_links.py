"""No broken internal link or asset, over HTTP on loopback (linkinator) and from file:// (a small crawler);
every external link well-formed (never fetched: no network here)."""
from __future__ import annotations

import json
import re
import subprocess
import time
import zipfile
from collections import Counter
from urllib.parse import urlsplit

from mdr_explainer.lessons.classroom import CARTRIDGE_PATH
from validator_file_links import crawl
from validator_tools import config, html_pages, npm_tool, program, served

HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
FORMS = {"pubmed.ncbi.nlm.nih.gov": re.compile(r"^/\d{1,9}/$"),  # a PMID (or a search: SEARCHES)
         "doi.org": re.compile(r"^/10\.\d{4,9}/\S+$")}
SEARCHES = {"pubmed.ncbi.nlm.nih.gov": re.compile(r"^term=[^&\s]+$")}


def malformed(url: str) -> str | None:
    """Why an external URL is not well-formed, or None."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return None if re.fullmatch(r"[^@\s]+@[^@\s]+", parts.path) else "bad mailto address"
    if parts.scheme not in ("https", "http"):
        return f"scheme {parts.scheme!r}"
    if re.search(r"\s", url) or not HOST.match(parts.hostname or ""):
        return "not a host name, or a space in the address"
    form, search = FORMS.get(parts.hostname.lower()), SEARCHES.get(parts.hostname.lower())
    if search and parts.path == "/" and search.match(parts.query):
        return None
    if form and not form.match(parts.path):
        return f"{parts.hostname} link without the form {form.pattern}"
    return None


def bad_external(links: list[tuple[str, str]]) -> list[str]:
    """page: url (why) for each external link that is not well-formed."""
    ignored = set(config()["links"]["ignore"])
    return [f"{page}: {url} ({why})" for page, url in links if url not in ignored and (why := malformed(url))]


def test_external_link_forms_are_checked():
    assert malformed("https://pubmed.ncbi.nlm.nih.gov/12345/") is None
    assert malformed("https://doi.org/10.1000/xyz.1") is None
    assert malformed("https://pubmed.ncbi.nlm.nih.gov/?term=Cole+SP+1992") is None
    assert malformed("https://pubmed.ncbi.nlm.nih.gov/PMC12345") and malformed("https://doi.org/abc")
    assert malformed("https://pubmed.ncbi.nlm.nih.gov/?term=")
    assert malformed("https://exa mple.org/") and malformed("ftp://example.org/") and malformed("https://localhost/")


def test_linkinator_finds_no_broken_link_over_http(validated_site):
    site, _ = validated_site
    linkinator = npm_tool("linkinator")
    program("node", "nodejs")
    started = time.perf_counter()
    with served(site) as root:
        run = subprocess.run([linkinator, root, "--recurse", "--check-fragments", "--check-css", "--format", "json",
                              "--concurrency", "8", "--timeout", "20000", "--skip", f"^(?!{re.escape(root)})"],
                             capture_output=True, text=True, timeout=600)
    assert run.stdout.strip(), run.stderr[-2000:]
    links = json.loads(run.stdout)["links"]
    states = Counter(link["state"] for link in links)
    broken = [f"{link.get('parent')} -> {link['url']} ({link['status']})" for link in links if link["state"] == "BROKEN"]
    print(f"linkinator: {dict(states)}, {time.perf_counter() - started:.1f} s")
    reached = {urlsplit(link["url"]).path.lstrip("/") for link in links if link["state"] == "OK"}
    assert set(html_pages(site)) <= reached | {"index.html"}, sorted(set(html_pages(site)) - reached)
    assert not broken, "\n".join(broken[:60])  # external links are skipped here; the file:// crawl checks their form


def test_no_broken_link_from_file_url(validated_site):
    site, _ = validated_site
    report = crawl(site)
    print(f"file:// crawl: {report.checked} internal links, {len(report.broken)} broken, {len(report.external)} external")
    assert report.checked > 1000
    assert not report.broken, "\n".join(f"{p}: {l} ({w})" for p, l, w in report.broken[:60])
    assert not bad_external(report.external), "\n".join(bad_external(report.external)[:60])


def test_course_package_pages_link_only_what_it_holds(validated_site, tmp_path):
    site, _ = validated_site
    with zipfile.ZipFile(site / CARTRIDGE_PATH) as archive:
        archive.extractall(tmp_path)
    report = crawl(tmp_path / "web_resources")
    print(f"course package crawl: {report.checked} internal links, {len(report.broken)} broken")
    assert report.checked > 1000
    assert not report.broken, "\n".join(f"{p}: {l} ({w})" for p, l, w in report.broken[:60])
