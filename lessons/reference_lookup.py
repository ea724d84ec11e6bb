"""Ask PubMed (NCBI E-utilities) and Crossref about a reference, politely, through an injectable transport."""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CROSSREF = "https://api.crossref.org/works"
TIMEOUT_SECONDS = 10.0
# NCBI allows at most 3 requests per second without an API key; Crossref asks for restraint.
MIN_INTERVAL = {"eutils.ncbi.nlm.nih.gov": 1.0 / 3.0 + 0.01, "api.crossref.org": 0.2}
USER_AGENT = "mdr-explainer-refs/0.1 (Why Chemo Stops Working reference check; Python urllib)"
RETRACTION_TYPES = {"retraction", "withdrawal", "removal"}

# A transport takes (url, timeout in s, headers) and returns the body, raising urllib's errors.
Transport = Callable[[str, float, dict], bytes]


class Offline(Exception):
    """The network or the service's name cannot be reached at all."""


class TimedOut(Exception):
    """One request took longer than its timeout."""


class NotFound(Exception):
    """The service has no record under that identifier."""


class ServiceError(Exception):
    """The service answered with an error status or a body that is not its JSON."""


@dataclass(frozen=True)
class Record:
    """What PubMed or Crossref holds for one work, reduced to the fields we compare."""

    source: str
    title: str
    first_author: str
    journals: tuple[str, ...]
    years: tuple[int, ...]
    pmid: str = ""
    doi: str = ""
    retraction: str = ""


def urllib_transport(url: str, timeout: float, headers: dict) -> bytes:
    """GET a URL with urllib and return the body."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def classify(err: BaseException, url: str) -> Exception:
    """Our exception for a transport failure: offline, timed out, not found or a service error."""
    host = urllib.parse.urlsplit(url).hostname
    if isinstance(err, urllib.error.HTTPError):
        return NotFound(url) if err.code == 404 else ServiceError(f"{host} answered HTTP {err.code}")
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return TimedOut(f"{host} did not answer within the timeout")
    if isinstance(reason, (socket.gaierror, ConnectionError, OSError)):
        return Offline(f"cannot reach {host} ({reason})")
    return ServiceError(f"{host}: {err}")


class RateLimiter:
    """Spaces requests to each host by its minimum interval."""

    def __init__(self, clock=time.monotonic, sleep=time.sleep):
        self.clock, self.sleep, self.last = clock, sleep, {}

    def wait(self, host: str) -> None:
        """Sleep until the host may be asked again, then note the time."""
        interval = MIN_INTERVAL.get(host, 0.0)
        if host in self.last:
            remaining = self.last[host] + interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


class Client:
    """Fetches JSON from E-utilities and Crossref with a timeout, a User-Agent and a rate limit."""

    def __init__(self, transport: Transport | None = None, limiter: RateLimiter | None = None,
                 timeout: float = TIMEOUT_SECONDS, mailto: str = ""):
        self.transport, self.timeout, self.mailto = transport or urllib_transport, timeout, mailto
        self.limiter = limiter or RateLimiter()

    def get_json(self, url: str):
        """The decoded JSON at a URL, or one of Offline, TimedOut, NotFound, ServiceError."""
        host = urllib.parse.urlsplit(url).hostname or ""
        self.limiter.wait(host)
        agent = USER_AGENT + (f" mailto:{self.mailto}" if self.mailto else "")
        try:
            body = self.transport(url, self.timeout, {"User-Agent": agent, "Accept": "application/json"})
        except (urllib.error.URLError, OSError) as err:
            raise classify(err, url) from None
        try:
            return json.loads(body)
        except ValueError:
            raise ServiceError(f"{host} sent a body that is not JSON") from None

    def eutils(self, tool: str, **params) -> dict:
        """One E-utilities call (esummary or esearch) in JSON."""
        params = {"db": "pubmed", "retmode": "json", "tool": "mdr-explainer", **params}
        if self.mailto:
            params["email"] = self.mailto
        return self.get_json(f"{EUTILS}{tool}.fcgi?{urllib.parse.urlencode(params)}")

    def pubmed(self, pmids: list[str]) -> list[Record]:
        """PubMed records for PMIDs, in order; NotFound if the first has none."""
        result = self.eutils("esummary", id=",".join(pmids)).get("result") or {}
        records = [pubmed_record(result[uid]) for uid in result.get("uids", []) if "error" not in result.get(uid, {})]
        if not records:
            raise NotFound(f"PubMed has no record {', '.join(pmids)}")
        return records

    def pubmed_search(self, term: str, limit: int = 3) -> list[str]:
        """PMIDs that an esearch term finds, best first."""
        found = self.eutils("esearch", term=term, retmax=str(limit)).get("esearchresult") or {}
        return list(found.get("idlist") or [])

    def crossref(self, doi: str) -> Record:
        """The Crossref record of a DOI."""
        try:
            data = self.get_json(f"{CROSSREF}/{urllib.parse.quote(doi, safe='/:;()')}")
        except NotFound:
            raise NotFound(f"Crossref has no record of DOI {doi}") from None
        return crossref_record(data.get("message") or {})

    def crossref_search(self, title: str, author: str, limit: int = 3) -> list[Record]:
        """Crossref's best bibliographic matches for a title and first author."""
        params = {"query.bibliographic": title, "query.author": author, "rows": str(limit)}
        if self.mailto:
            params["mailto"] = self.mailto
        data = self.get_json(f"{CROSSREF}?{urllib.parse.urlencode(params)}")
        return [crossref_record(item) for item in (data.get("message") or {}).get("items") or []]


def leading_year(text: str) -> list[int]:
    """The year a PubMed date such as '2002 Jan 15' starts with, if any."""
    head = (text or "")[:4]
    return [int(head)] if head.isdigit() else []


def pubmed_record(summary: dict) -> Record:
    """A Record from one esummary document summary."""
    ids = {a.get("idtype"): a.get("value", "") for a in summary.get("articleids") or []}
    authors = summary.get("authors") or []
    first = authors[0].get("name", "") if authors else summary.get("sortfirstauthor", "")
    types = set(summary.get("pubtype") or [])
    retraction = ""
    if "Retracted Publication" in types:
        retraction = "PubMed lists it as a Retracted Publication"
    elif "Retraction of Publication" in types:
        retraction = "this PMID is a retraction notice (Retraction of Publication), not the paper"
    years = leading_year(summary.get("pubdate", "")) + leading_year(summary.get("epubdate", ""))
    return Record(source="PubMed", title=summary.get("title", ""), first_author=first,
                  journals=tuple(j for j in (summary.get("source"), summary.get("fulljournalname")) if j),
                  years=tuple(dict.fromkeys(years)), pmid=str(summary.get("uid", "")), doi=ids.get("doi", ""),
                  retraction=retraction)


def date_year(part) -> list[int]:
    """The year of a Crossref date object, if any."""
    try:
        return [int(part["date-parts"][0][0])]
    except (KeyError, IndexError, TypeError, ValueError):
        return []


def crossref_retraction(work: dict) -> str:
    """What Crossref says about a retraction of, or by, this work ('' if nothing)."""
    for update in work.get("updated-by") or []:
        if str(update.get("type", "")).lower() in RETRACTION_TYPES:
            return f"Crossref records a {update['type']} of this work (notice {update.get('DOI', '?')})"
    for update in work.get("update-to") or []:
        if str(update.get("type", "")).lower() in RETRACTION_TYPES:
            return f"this DOI is a {update['type']} notice for {update.get('DOI', '?')}, not the paper"
    return ""


def crossref_record(work: dict) -> Record:
    """A Record from one Crossref work."""
    authors = work.get("author") or []
    first = next((a for a in authors if a.get("sequence") == "first"), authors[0] if authors else {})
    years = []
    for key in ("issued", "published-print", "published-online", "published"):
        years += date_year(work.get(key))
    journals = tuple((work.get("container-title") or []) + (work.get("short-container-title") or []))
    return Record(source="Crossref", title=" ".join(work.get("title") or []),
                  first_author=first.get("family") or first.get("name", ""), journals=journals,
                  years=tuple(dict.fromkeys(years)), doi=work.get("DOI", ""), retraction=crossref_retraction(work))
