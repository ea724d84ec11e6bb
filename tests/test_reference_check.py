"""`mdr-explainer refs`: references checked against recorded PubMed and Crossref answers, never the network."""
import socket
import urllib.error
import urllib.parse
from pathlib import Path

import pytest

from mdr_explainer.lessons import cli, reference_lookup
from mdr_explainer.lessons.catalog import load_references
from mdr_explainer.lessons.reference_check import run_check
from mdr_explainer.lessons.reference_compare import abbreviates, first_surname, fold, same_journal, title_similarity
from mdr_explainer.lessons.reference_lookup import Client, RateLimiter
from mdr_explainer.lessons.reference_write import add_identifiers

FIXTURES = Path(__file__).parent / "fixtures" / "refs"
REAL_REFERENCES = Path(__file__).parent.parent / "content" / "references.yaml"

REFERENCES = """\
# test references
gottesman2002b:
  authors: Gottesman MM
  title: "Mechanisms of cancer drug resistance"
  journal: Annu Rev Med
  year: 2002
  pmid: "11818492"

gottesman2002:
  authors: Gottesman MM, Fojo T, Bates SE
  title: "Multidrug resistance in cancer: role of ATP-dependent transporters"
  journal: Nat Rev Cancer
  year: 2002
  doi: "10.1038/nrc706"

wrongdoi:
  authors: Gottesman MM
  title: "Mechanisms of cancer drug resistance"
  journal: Annu Rev Med
  year: 2002
  doi: "10.1000/wrong"

wakefield1998:
  authors: Wakefield AJ, Murch SH
  title: "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children"
  journal: Lancet
  year: 1998
  pmid: "9500320"

longley2005:
  authors: Longley DB, Johnston PG
  title: "Molecular mechanisms of drug resistance"
  journal: J Pathol
  year: 2005
  volume_pages: "205(2):275-292"
  url: "https://pure.qub.ac.uk/en/publications/molecular-mechanisms-of-drug-resistance"

slow2001:
  authors: Slow A
  title: "A paper whose server is slow"
  journal: J Slow
  year: 2001
  pmid: "12345"
"""


def fixture_for(url: str) -> str:
    """The recorded file that answers a URL."""
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    if parts.path.endswith("esummary.fcgi"):
        return f"esummary_{query['id']}.json"
    if parts.path.endswith("esearch.fcgi"):
        return "esearch_longley.json" if "Longley[Author]" in query["term"] else "esearch_empty.json"
    if parts.path == "/works":
        return f"crossref_search_{query['query.author'].lower()}.json"
    doi = urllib.parse.unquote(parts.path[len("/works/"):])
    return f"crossref_{doi.replace('/', '_')}.json"


class Recorded:
    """A transport that answers from tests/fixtures/refs, 404 for anything unrecorded, and logs requests."""

    def __init__(self, failures=None):
        self.requests, self.failures = [], failures or {}

    def __call__(self, url, timeout, headers):
        self.requests.append((url, timeout, headers))
        for part, error in self.failures.items():
            if part in url:
                raise error
        path = FIXTURES / fixture_for(url)
        if not path.exists():
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        return path.read_bytes()


class FakeTime:
    """A clock that only moves when the rate limiter sleeps."""

    def __init__(self):
        self.now = 0.0

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


@pytest.fixture
def refs_file(tmp_path):
    path = tmp_path / "references.yaml"
    path.write_text(REFERENCES, encoding="utf-8")
    return path


def check(path, transport, only=None):
    """Run the check with a recorded transport and a fake clock."""
    fake = FakeTime()
    client = Client(transport=transport, limiter=RateLimiter(clock=fake.clock, sleep=fake.sleep))
    return run_check(path, client, only=only)


def outcome(report, key):
    return next(o for o in report.outcomes if o.key == key)


# --- what each kind of reference reports ----------------------------------------------------------

def test_a_reference_that_matches_its_pubmed_record_is_ok_and_offers_the_doi_pubmed_lists(refs_file):
    got = outcome(check(refs_file, Recorded(), ["gottesman2002b"]), "gottesman2002b")
    assert got.status == "ok"
    assert got.found == {"doi": "10.1146/annurev.med.53.082901.103929"}
    assert "PubMed" in got.detail and "score 1.00" in got.detail


def test_a_crossref_title_with_an_en_dash_and_the_full_journal_name_still_match(refs_file):
    got = outcome(check(refs_file, Recorded(), ["gottesman2002"]), "gottesman2002")
    assert got.status == "ok", got.detail


def test_a_doi_that_points_at_another_paper_is_a_mismatch_naming_each_field(refs_file):
    report = check(refs_file, Recorded(), ["wrongdoi"])
    got = outcome(report, "wrongdoi")
    assert got.status == "mismatch" and report.failed
    assert "title" in got.detail and "pollen" in got.detail
    assert "first author 'Gottesman' vs 'Keller'" in got.detail
    assert got.found == {}
    line = got.text(refs_file)
    assert line.startswith(f"{refs_file}:16: wrongdoi: mismatch:")


def test_a_retracted_paper_is_reported_loudly(refs_file):
    report = check(refs_file, Recorded(), ["wakefield1998"])
    got = outcome(report, "wakefield1998")
    assert got.status == "retracted" and report.failed
    assert "Retracted Publication" in got.detail
    assert ": RETRACTION: " in got.text(refs_file)


def test_crossref_updated_by_retraction_and_retraction_titles_are_detected():
    record = reference_lookup.crossref_record(
        __import__("json").loads((FIXTURES / "crossref_10.1016_S0140-6736(97)11096-0.json").read_text())["message"])
    assert "retraction of this work" in record.retraction and "10.1016/S0140-6736(10)60175-4" in record.retraction
    notice = reference_lookup.crossref_record({"title": ["Retraction: A study"],
                                              "update-to": [{"type": "retraction", "DOI": "10.1/x"}]})
    assert "notice for 10.1/x" in notice.retraction


def test_a_reference_without_identifier_gets_both_found_by_search_with_a_score(refs_file):
    transport = Recorded()
    got = outcome(check(refs_file, transport, ["longley2005"]), "longley2005")
    assert got.status == "found"
    assert got.found == {"pmid": "15641020", "doi": "10.1002/path.1706"}
    assert "score" in got.detail and got.text(refs_file).startswith(f"{refs_file}:30: longley2005: no identifier: found")
    terms = [dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(u).query)).get("term") for u, _, _ in transport.requests]
    assert "molecular[Title] AND mechanisms[Title] AND drug[Title] AND resistance[Title] AND Longley[Author]" in terms


def test_a_doi_crossref_does_not_know_is_reported_as_not_found(refs_file):
    refs_file.write_text(REFERENCES.replace('doi: "10.1038/nrc706"', 'doi: "10.9999/none"'), encoding="utf-8")
    got = outcome(check(refs_file, Recorded(), ["gottesman2002"]), "gottesman2002")
    assert got.status == "not_found" and "Crossref has no record of DOI 10.9999/none" in got.detail


def test_a_timeout_is_reported_for_that_reference_and_the_others_are_still_checked(refs_file):
    transport = Recorded(failures={"id=12345": TimeoutError("timed out")})
    report = check(refs_file, transport)
    assert outcome(report, "slow2001").status == "timeout"
    assert "timed out" in outcome(report, "slow2001").text(refs_file)
    assert outcome(report, "gottesman2002b").status == "ok"
    assert len(report.outcomes) == 6
    assert all(timeout == 10.0 for _, timeout, _ in transport.requests)


def test_offline_stops_at_once_with_one_line(refs_file):
    offline = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))
    transport = Recorded(failures={"https://": offline})
    report = check(refs_file, transport)
    assert report.offline and len(transport.requests) == 1
    assert len(report.lines()) == 1 and report.lines()[0].startswith("offline: cannot reach")
    assert not report.failed


def test_the_command_exits_cleanly_when_offline(refs_file, monkeypatch, capsys):
    def unreachable(url, timeout, headers):
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(reference_lookup, "urllib_transport", unreachable)
    assert cli.main(["refs", "--content", str(refs_file.parent)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("offline:")


@pytest.mark.parametrize("error, kind", [
    (urllib.error.HTTPError("u", 404, "Not Found", {}, None), reference_lookup.NotFound),
    (urllib.error.HTTPError("u", 503, "Busy", {}, None), reference_lookup.ServiceError),
    (urllib.error.URLError(socket.timeout("timed out")), reference_lookup.TimedOut),
    (TimeoutError("read timed out"), reference_lookup.TimedOut),
    (urllib.error.URLError(ConnectionRefusedError(111, "refused")), reference_lookup.Offline),
])
def test_transport_failures_are_classified(error, kind):
    assert isinstance(reference_lookup.classify(error, "https://api.crossref.org/works/x"), kind)


def test_a_busy_service_is_reported_for_that_reference_not_raised(refs_file):
    busy = urllib.error.HTTPError("u", 503, "Service Unavailable", {}, None)
    got = outcome(check(refs_file, Recorded(failures={"10.1038": busy}), ["gottesman2002"]), "gottesman2002")
    assert got.status == "error" and "HTTP 503" in got.detail


# --- politeness ----------------------------------------------------------------------------------

def test_ncbi_is_never_asked_more_than_three_times_a_second_and_every_request_names_the_tool(refs_file):
    fake = FakeTime()
    times = []
    recorded = Recorded()

    def timed(url, timeout, headers):
        times.append((urllib.parse.urlsplit(url).hostname, fake.now))
        return recorded(url, timeout, headers)

    run_check(refs_file, Client(transport=timed, limiter=RateLimiter(clock=fake.clock, sleep=fake.sleep)))
    ncbi = [t for host, t in times if host == "eutils.ncbi.nlm.nih.gov"]
    assert len(ncbi) >= 5
    assert min(b - a for a, b in zip(ncbi, ncbi[1:])) >= 1 / 3
    assert all(h["User-Agent"].startswith("mdr-explainer-refs/") for _, _, h in recorded.requests)
    assert all("tool=mdr-explainer" in u for u, _, _ in recorded.requests if "eutils" in u)


# --- --write -------------------------------------------------------------------------------------

def test_write_adds_only_the_verified_identifier_lines_to_a_copy_of_the_real_file(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    content.mkdir()
    target = content / "references.yaml"
    real = REAL_REFERENCES.read_bytes().decode("utf-8").splitlines(keepends=True)
    assert "longley2005:\n" in real, "the recorded answers are for longley2005; keep it in references.yaml"
    start = real.index("longley2005:\n")
    end = next(i for i in range(start + 1, len(real)) if not real[i].startswith("  "))
    # the copy's longley2005 has no identifier even once the real file gains one, so --write has work to do
    before = real[:start] + [line for line in real[start:end] if not line.startswith(("  pmid:", "  doi:"))] + real[end:]
    target.write_bytes("".join(before).encode("utf-8"))
    monkeypatch.setattr(reference_lookup, "urllib_transport", Recorded())
    monkeypatch.setattr(reference_lookup.time, "sleep", lambda s: None)
    assert cli.main(["refs", "--content", str(content), "--only", "longley2005", "--write"]) == 0
    after = target.read_bytes().decode("utf-8").splitlines(keepends=True)
    assert len(after) == len(before) + 2
    added = [line for line in after if line not in before]
    assert added == ['  pmid: "15641020"\n', '  doi: "10.1002/path.1706"\n']
    at = after.index(added[0])
    assert after[at - 1] == '  volume_pages: "205(2):275-292"\n'
    assert after[:at] == before[:at] and after[at + 2:] == before[at:]
    problems = []
    refs = load_references(target, problems)
    assert not problems and refs["longley2005"].pmid == "15641020" and refs["longley2005"].doi == "10.1002/path.1706"
    assert "wrote 2 identifier line(s)" in capsys.readouterr().out


def test_write_never_records_an_identifier_from_a_mismatch(refs_file, monkeypatch):
    before = refs_file.read_bytes()
    monkeypatch.setattr(reference_lookup, "urllib_transport", Recorded())
    monkeypatch.setattr(reference_lookup.time, "sleep", lambda s: None)
    assert cli.main(["refs", "--content", str(refs_file.parent), "--only", "wrongdoi", "--write"]) == 1
    assert refs_file.read_bytes() == before


def test_identifier_lines_go_after_the_fields_before_them_and_keep_crlf():
    text = "a:\r\n  authors: X\r\n  title: \"T\"\r\n  year: 2000\r\n  note: long note\r\n    continued\r\n\r\nb:\r\n  authors: Y\r\n"
    new = add_identifiers(text, {"a": 1, "b": 8}, {"a": {"pmid": "1"}, "b": {"doi": "10.1/y"}})
    assert new == ("a:\r\n  authors: X\r\n  title: \"T\"\r\n  year: 2000\r\n  pmid: \"1\"\r\n  note: long note\r\n"
                   "    continued\r\n\r\nb:\r\n  authors: Y\r\n  doi: \"10.1/y\"\r\n")


# --- comparison helpers --------------------------------------------------------------------------

def test_titles_fold_accents_tags_dashes_and_final_periods():
    assert fold("<i>Über</i> ATP\u2013dependent  pumps.") == "uber atp dependent pumps"
    assert title_similarity("Mechanisms of cancer drug resistance", "Mechanisms of cancer drug resistance.") == 1.0
    assert title_similarity("Mechanisms of cancer drug resistance", "Seasonal pollen in grasses") < 0.5


def test_first_surnames_and_journal_abbreviations():
    assert first_surname("Gottesman MM, Fojo T") == "Gottesman"
    assert first_surname("Akiyama et al.") == "Akiyama"
    assert first_surname("van der Holt B, Lowenberg B") == "van der Holt"
    assert abbreviates("nat rev cancer", "nature reviews cancer")
    assert abbreviates("proc natl acad sci", "proceedings of the national academy of sciences")
    assert same_journal("J Pathol", ("The Journal of Pathology",))
    assert same_journal("Annu Rev Med", ("Annual review of medicine",))
    assert not same_journal("Cancer Res", ("Journal of Alpine Botany",))
