"""The course as an IMS Common Cartridge 1.1 (.imscc): the built pages inside it, so it works offline.

Each lesson becomes a module holding its page, its student worksheet and the widgets it shows
(webcontent resources pointing at the copies of those pages in the cartridge). With a base URL the
same modules also get web links (imswl) to the online pages, each web link in its own folder as the
CC profile asks of learning application objects. Answer keys and teacher pages are left out, so
importing the course never hands the keys to students; in the carried pages a link to a page that is
not in the package is dropped (answer keys always) or, with a base URL, made absolute to the site.
"""
from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .content import Content
from .strings import SiteText

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
WL = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
                   f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")
FILES = "web_resources"
LEFT_OUT = ("answers", "teach", "course")
NEVER_LINKED = ("answers",)  # answer keys: not even as a link to the site, since students open the package
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>.*?</a>', re.S)
SEPARATOR = " · "
LINK_ONLY = re.compile(r"<p\b[^>]*\bdata-link-only\b[^>]*>(.*?)</p>\n?", re.S)  # a paragraph there for its link
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def site_files(site: Path) -> list[str]:
    """Built files to carry, relative to the site, without answer keys, teacher pages or cartridges."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not set(p.relative_to(site).parts) & set(LEFT_OUT))


def link_target(page: str, href: str) -> str | None:
    """The site-relative file an href on the page at page opens, or None for outside links and same-page anchors."""
    target = html.unescape(href).split("#", 1)[0].split("?", 1)[0]
    if OUTSIDE.match(href) or not target:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return f"{resolved}/index.html" if target.endswith("/") else resolved


def carried_page(page: str, text: str, carried: set[str], base_url: str | None) -> str:
    """A built page as the package carries it: links to pages not in the package made absolute or dropped.

    A dropped link takes one " · " separator next to it with it, so a list of links still reads well, and a
    paragraph marked data-link-only goes with its last link.
    """
    out, last = [], 0
    for match in LINK.finditer(text):
        before, after = text[last: match.start()], match.end()
        kept = carried_link(page, match, carried, base_url)
        if kept is None and before.endswith(SEPARATOR):
            before = before[: -len(SEPARATOR)]
        elif kept is None and text.startswith(SEPARATOR, after):
            after += len(SEPARATOR)
        out += [before, kept or ""]
        last = after
    out.append(text[last:])
    return LINK_ONLY.sub(lambda p: p.group(0) if "<a " in p.group(1) else "", "".join(out))


def carried_link(page: str, match: re.Match, carried: set[str], base_url: str | None) -> str | None:
    """One <a> as carried: unchanged, pointed at the site (base_url), or None to drop it."""
    href = match.group(1)
    target = link_target(page, href)
    if target is None or target in carried:
        return match.group(0)
    if base_url and not set(target.split("/")) & set(NEVER_LINKED):
        rest = href[len(re.split(r"[?#]", href, maxsplit=1)[0]):]  # keep ?query and #fragment
        return match.group(0).replace(f'href="{href}"', f'href="{html.escape(base_url)}/{target}{rest}"', 1)
    return None


class Manifest:
    """imsmanifest.xml being written: one organization of modules, and the resources they name."""

    def __init__(self, title: str):
        ET.register_namespace("lomimscc", LOM)
        ET.register_namespace("xsi", XSI)
        self.root = ET.Element(f"{{{CP}}}manifest", {"identifier": "mdr-explainer-course",
                                                      f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
        metadata = ET.SubElement(self.root, f"{{{CP}}}metadata")
        ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Common Cartridge"
        ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.1.0"
        general = ET.SubElement(ET.SubElement(metadata, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
        ET.SubElement(ET.SubElement(general, f"{{{LOM}}}title"), f"{{{LOM}}}string").text = title
        organizations = ET.SubElement(self.root, f"{{{CP}}}organizations")
        organization = ET.SubElement(organizations, f"{{{CP}}}organization",
                                     {"identifier": "org", "structure": "rooted-hierarchy"})
        self.top = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": "root"})
        self.resources = ET.SubElement(self.root, f"{{{CP}}}resources")
        self.known: set[str] = set()
        self.listed: set[str] = set()
        self.items = 0

    def module(self, identifier: str, title: str) -> ET.Element:
        """A module (folder item) under the root."""
        item = ET.SubElement(self.top, f"{{{CP}}}item", {"identifier": identifier})
        ET.SubElement(item, f"{{{CP}}}title").text = title
        return item

    def item(self, module: ET.Element, resource: str, title: str) -> None:
        """An entry of a module that opens a resource."""
        self.items += 1
        item = ET.SubElement(module, f"{{{CP}}}item", {"identifier": f"item-{self.items}", "identifierref": resource})
        ET.SubElement(item, f"{{{CP}}}title").text = title

    def resource(self, identifier: str, kind: str, files: list[str], href: str | None = None,
                 depends: tuple[str, ...] = ()) -> str:
        """A resource (once per identifier) listing its files."""
        if identifier in self.known:
            return identifier
        self.known.add(identifier)
        attributes = {"identifier": identifier, "type": kind, **({"href": href} if href else {})}
        element = ET.SubElement(self.resources, f"{{{CP}}}resource", attributes)
        for name in files:
            ET.SubElement(element, f"{{{CP}}}file", {"href": name})
            self.listed.add(name)
        for other in depends:
            ET.SubElement(element, f"{{{CP}}}dependency", {"identifierref": other})
        return identifier

    def xml(self) -> bytes:
        """The manifest as UTF-8 XML."""
        ET.indent(self.root)
        return xml_bytes(self.root, CP)


def xml_bytes(root: ET.Element, default: str) -> bytes:
    """UTF-8 XML with the given namespace as the default one (no ns0: prefixes, whatever was written before)."""
    ET.register_namespace("", default)  # ElementTree keeps one global prefix table: set ours right before writing
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def web_link(title: str, url: str) -> bytes:
    """An imswl web link file, in the imswl namespace as its default."""
    root = ET.Element(f"{{{WL}}}webLink")
    ET.SubElement(root, f"{{{WL}}}title").text = title
    ET.SubElement(root, f"{{{WL}}}url", {"href": url, "target": "_blank"})
    return xml_bytes(root, WL)


def cartridge_bytes(site: Path, content: Content, text: SiteText, base_url: str | None) -> bytes:
    """The .imscc zip of the built site in site: manifest, carried pages and (with base_url) web links."""
    files = site_files(site)
    manifest = Manifest(text("site_name"))
    shared = "res-shared"
    extra: dict[str, bytes] = {}

    def page(identifier: str, path: str) -> str:
        return manifest.resource(identifier, "webcontent", [f"{FILES}/{path}"], f"{FILES}/{path}", (shared,))

    def link(identifier: str, title: str, path: str) -> str:
        extra[f"{identifier}/weblink.xml"] = web_link(title, f"{base_url}/{path}")  # one web link per folder
        return manifest.resource(identifier, "imswl_xmlv1p1", [f"{identifier}/weblink.xml"])

    for number, lesson in enumerate(content.lessons, start=1):
        module = manifest.module(f"lesson-{number}", text("classroom.cartridge.module", number=number, title=lesson.title))
        lesson_path = f"{lesson.slug}/index.html"
        manifest.item(module, page(f"res-lesson-{number}", lesson_path),
                      text("classroom.cartridge.lesson_page", title=lesson.title))
        manifest.item(module, page(f"res-worksheet-{number}", f"{lesson.slug}/worksheet/index.html"),
                      text("classroom.cartridge.worksheet", title=lesson.title))
        for name in lesson.widget_names():
            title = text.widget(name).title
            manifest.item(module, page(f"res-embed-{name}", f"embed/{name}/index.html"),
                          text("classroom.cartridge.widget", title=title))
        if base_url:
            manifest.item(module, link(f"wl-lesson-{number}", lesson.title, lesson_path),
                          text("classroom.cartridge.online", title=lesson.title))
            for name in lesson.widget_names():
                title = text.widget(name).title
                manifest.item(module, link(f"wl-lesson-{number}-{name}", title, f"embed/{name}/index.html"),
                              text("classroom.cartridge.online", title=title))
    manifest.resource(shared, "webcontent", [f"{FILES}/{f}" for f in files if f"{FILES}/{f}" not in manifest.listed])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)

        add("imsmanifest.xml", manifest.xml())
        carried = set(files)
        for name in files:
            data = (site / name).read_bytes()
            if name.endswith(".html"):
                data = carried_page(name, data.decode("utf-8"), carried, base_url).encode("utf-8")
            add(f"{FILES}/{name}", data)
        for name, data in sorted(extra.items()):
            add(name, data)
    return buffer.getvalue()
