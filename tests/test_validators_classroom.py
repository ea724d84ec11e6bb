"""The course package and the oEmbed files against their specifications.

No IMS Common Cartridge 1.1 schema is published on PyPI or npm, so the manifest is checked here against
the CC 1.1 profile's rules for what this package uses (manifest, one rooted organization, webcontent and
web link resources, learning application objects in their own folders). oEmbed: the 1.0 specification's
response fields for type "rich" (version "1.0", type, html, width and height required, in pixels).
"""
from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from mdr_explainer.lessons.cartridge import CP, LOM, WL, XSI
from mdr_explainer.lessons.classroom import CARTRIDGE_PATH
from mdr_explainer.widgets.registry import REGISTRY
from conftest import REPO
from validator_file_links import crawl

BASE = "https://teach.example.org/mdr"
CC11_TYPES = {"webcontent", "imswl_xmlv1p1", "imsdt_xmlv1p1", "imsbasiclti_xmlv1p0",
              "imsqti_xmlv1p2/imscc_xmlv1p1/assessment", "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank",
              "associatedcontent/imscc_xmlv1p1/learning-application-resource"}
LEARNING_APPLICATION_OBJECTS = CC11_TYPES - {"webcontent"}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@pytest.fixture(scope="module")
def base_url_site(tmp_path_factory):
    """The real lessons built with --base-url."""
    from mdr_explainer.lessons.build import build_site

    out = tmp_path_factory.mktemp("based") / "_site"
    build_site(REPO / "content", out, base_url=BASE)
    return out


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def cartridge_problems(path) -> list[str]:
    """Every way the package breaks a CC 1.1 rule it is subject to (empty: none)."""
    problems = []
    archive = zipfile.ZipFile(path)
    names = set(archive.namelist())
    if "imsmanifest.xml" not in names:
        return ["no imsmanifest.xml at the package root"]
    text = archive.read("imsmanifest.xml")
    root = ET.fromstring(text)  # well-formed, or this raises
    if not text.startswith(b'<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<manifest xmlns="' + CP.encode()):
        problems.append("the manifest's root is not <manifest> in the CC 1.1 content packaging namespace as default")
    if re.search(rb"<ns\d+:", text):
        problems.append("generated ns0:-style prefixes in the manifest")
    location = root.get(q(XSI, "schemaLocation"), "").split()
    if len(location) % 2 or CP not in location[::2]:
        problems.append("xsi:schemaLocation does not pair the manifest namespace with its schema")
    if root.findtext(f"{q(CP, 'metadata')}/{q(CP, 'schema')}") != "IMS Common Cartridge":
        problems.append("metadata/schema is not 'IMS Common Cartridge'")
    if root.findtext(f"{q(CP, 'metadata')}/{q(CP, 'schemaversion')}") != "1.1.0":
        problems.append("metadata/schemaversion is not 1.1.0")
    if not root.findtext(f"{q(CP, 'metadata')}/{q(LOM, 'lom')}/{q(LOM, 'general')}/{q(LOM, 'title')}/{q(LOM, 'string')}"):
        problems.append("no course title in the LOM metadata")
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    problems += [f"identifier {i!r} is not an xs:ID" for i in ids if not NCNAME.match(i)]
    problems += [f"identifier {i!r} used twice" for i in {i for i in ids if ids.count(i) > 1}]
    organizations = root.findall(f"{q(CP, 'organizations')}/{q(CP, 'organization')}")
    if len(organizations) != 1 or organizations[0].get("structure") != "rooted-hierarchy":
        problems.append("not exactly one organization with structure rooted-hierarchy")
    tops = organizations[0].findall(q(CP, "item")) if organizations else []
    if len(tops) != 1 or tops[0].get("identifierref"):
        problems.append("the organization does not hold exactly one root item without a resource")
    resources = {r.get("identifier"): r for r in root.iter(q(CP, "resource"))}
    items = [i for o in organizations for i in o.iter(q(CP, "item"))]
    references = [i.get("identifierref") for i in items if i.get("identifierref")]
    for item in items:
        ref, children = item.get("identifierref"), item.findall(q(CP, "item"))
        if ref and children:
            problems.append(f"item {item.get('identifier')} opens a resource and holds items")
        if ref and ref not in resources:
            problems.append(f"item {item.get('identifier')} opens missing resource {ref}")
        if item is not tops[0] and not (item.findtext(q(CP, "title")) or "").strip():
            problems.append(f"item {item.get('identifier')} has no title")
    for identifier, resource in resources.items():
        kind, href = resource.get("type"), resource.get("href")
        files = [f.get("href") for f in resource.findall(q(CP, "file"))]
        if kind not in CC11_TYPES:
            problems.append(f"resource {identifier}: type {kind!r} is not a CC 1.1 type")
        problems += [f"resource {identifier}: file {f} is not in the package" for f in files if f not in names]
        problems += [f"resource {identifier}: {f} is not a relative path inside the package"
                     for f in files if f.startswith("/") or ".." in f.split("/") or urlsplit(f).scheme]
        if href and href not in files:
            problems.append(f"resource {identifier}: href {href} is not one of its files")
        for dependency in resource.findall(q(CP, "dependency")):
            if dependency.get("identifierref") not in resources:
                problems.append(f"resource {identifier}: dependency on missing {dependency.get('identifierref')}")
        if kind in LEARNING_APPLICATION_OBJECTS:
            if references.count(identifier) != 1:
                problems.append(f"learning application object {identifier} is opened by {references.count(identifier)} items")
            folders = {f.rsplit("/", 1)[0] if "/" in f else "" for f in files}
            others = [n for n in names if folders and n.rsplit("/", 1)[0] in folders and n not in files]
            if len(folders) != 1 or "" in folders or others:
                problems.append(f"learning application object {identifier} is not alone in its own folder")
        if kind == "imswl_xmlv1p1":
            problems += web_link_problems(identifier, href, files, archive)
    listed = {f.get("href") for f in root.iter(q(CP, "file"))}
    problems += [f"{n} is in the package but no resource lists it" for n in sorted(names - listed - {"imsmanifest.xml"})]
    return problems


def web_link_problems(identifier: str, href: str | None, files: list[str], archive: zipfile.ZipFile) -> list[str]:
    """A web link resource: no href, one file, an imswl webLink with a title and an absolute URL."""
    if href or len(files) != 1:
        return [f"web link {identifier}: must have one file and no href"]
    link = ET.fromstring(archive.read(files[0]))
    url = link.find(q(WL, "url"))
    problems = [] if link.tag == q(WL, "webLink") else [f"web link {identifier}: root is not imswl webLink"]
    if not (link.findtext(q(WL, "title")) or "").strip():
        problems.append(f"web link {identifier}: no title")
    if url is None or urlsplit(url.get("href", "")).scheme not in ("http", "https"):
        problems.append(f"web link {identifier}: url is not absolute")
    return problems


def test_the_checks_catch_what_the_profile_test_rejected(tmp_path):
    bad = tmp_path / "bad.imscc"
    manifest = (f'<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<ns0:manifest xmlns:ns0="{CP}" identifier="m">'
                f'<ns0:organizations><ns0:organization identifier="o" structure="rooted-hierarchy"><ns0:item identifier="r">'
                f'<ns0:item identifier="i1" identifierref="w1"><ns0:title>A</ns0:title></ns0:item>'
                f'<ns0:item identifier="i2" identifierref="w2"><ns0:title>B</ns0:title></ns0:item>'
                f'</ns0:item></ns0:organization></ns0:organizations><ns0:resources>'
                f'<ns0:resource identifier="w1" type="imswl_xmlv1p1"><ns0:file href="weblinks/w1.xml"/></ns0:resource>'
                f'<ns0:resource identifier="w2" type="imswl_xmlv1p1"><ns0:file href="weblinks/w2.xml"/></ns0:resource>'
                f'</ns0:resources></ns0:manifest>')
    link = f'<webLink xmlns="{WL}"><title>A</title><url href="page.html"/></webLink>'
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        archive.writestr("weblinks/w1.xml", link)
        archive.writestr("weblinks/w2.xml", link)
    found = "\n".join(cartridge_problems(bad))
    for expected in ("ns0:", "not alone in its own folder", "url is not absolute", "schemaversion"):
        assert expected in found


@pytest.mark.parametrize("which", ["default", "base_url", "spanish"])
def test_course_package_follows_common_cartridge_1_1(which, request, base_url_site):
    site = {"default": lambda: request.getfixturevalue("built_site")[0], "base_url": lambda: base_url_site,
            "spanish": lambda: request.getfixturevalue("built_site_es")[0]}[which]()
    assert cartridge_problems(site / CARTRIDGE_PATH) == []


def test_base_url_package_links_outside_only_to_the_site(base_url_site, tmp_path):
    with zipfile.ZipFile(base_url_site / CARTRIDGE_PATH) as archive:
        archive.extractall(tmp_path)
    report = crawl(tmp_path / "web_resources")
    assert report.broken == []
    to_site = [url for _, url in report.external if url.startswith(BASE)]
    assert to_site and not [u for u in to_site if "/answers/" in u], "teacher pages online; never the answer keys"


def oembed_problems(data: dict) -> list[str]:
    """Where an oEmbed 1.0 response of type rich breaks the specification."""
    problems = [f"{key} is required" for key in ("version", "type", "html", "width", "height") if key not in data]
    if data.get("version") != "1.0":
        problems.append("version must be the string 1.0")
    if data.get("type") != "rich":
        problems.append("type is not rich")
    if not isinstance(data.get("html"), str) or not data.get("html", "").strip():
        problems.append("html must be a non-empty string")
    for key in ("width", "height"):
        if not isinstance(data.get(key), int) or isinstance(data.get(key), bool) or data.get(key, 0) <= 0:
            problems.append(f"{key} must be a positive number of pixels")
    thumbnail = [k for k in ("thumbnail_url", "thumbnail_width", "thumbnail_height") if k in data]
    if thumbnail and len(thumbnail) != 3:
        problems.append("thumbnail_url, thumbnail_width and thumbnail_height come together or not at all")
    for key in ("provider_url", "author_url", "thumbnail_url"):
        if key in data and urlsplit(data[key]).scheme not in ("http", "https"):
            problems.append(f"{key} must be an absolute URL")
    return problems


def test_oembed_files_follow_the_specification(base_url_site):
    for name in REGISTRY:
        page = (base_url_site / f"embed/{name}/index.html").read_text()
        discovery = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page)
        assert discovery == [f"{BASE}/embed/{name}/oembed.json"], name
        data = json.loads((base_url_site / f"embed/{name}/oembed.json").read_text(encoding="utf-8"))
        assert oembed_problems(data) == [], name
        src = ET.fromstring(data["html"]).get("src")
        assert src == f"{BASE}/embed/{name}/index.html", "an iframe src any consumer can load"
    assert oembed_problems({"version": 1.0, "type": "rich", "html": "", "width": "800"})
