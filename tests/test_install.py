"""A plain `pip install .` into a fresh environment builds the full site from an empty folder."""
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


def tracked_copy(dest):
    """The repository's tracked files, copied so that building the wheel leaves the checkout untouched."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / name).read_bytes())
    return dest


@pytest.mark.timeout(1200)  # pip installs the dependencies, then a full build: minutes on a busy machine
def test_wheel_install_builds_every_page_of_the_checkout(tmp_path, built_site):
    source = tracked_copy(tmp_path / "source")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(source)], check=True, timeout=900)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import mdr_explainer.lessons as m; print(m.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert str(venv) in where, "the installed package, not the checkout, must be imported"
    empty = tmp_path / "empty"
    empty.mkdir()
    run = subprocess.run([str(venv / "bin" / "mdr-explainer"), "build", "--out", "site"], cwd=empty,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    out, _ = built_site
    pages = sorted(str(p.relative_to(out)) for p in out.rglob("*.html"))
    assert sorted(str(p.relative_to(empty / "site")) for p in (empty / "site").rglob("*.html")) == pages
    assert len(list((empty / "site" / "static" / "data").glob("*.js"))) == len(list((out / "static" / "data").glob("*.js")))


def test_wheel_ships_only_mdr_explainer(tmp_path):
    source = tracked_copy(tmp_path / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, timeout=900)
    (wheel,) = (tmp_path / "dist").glob("mdr_explainer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top_level = archive.read(next(n for n in names if n.endswith(".dist-info/top_level.txt"))).decode().split()
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"mdr_explainer"}, sorted(tops)
    assert top_level == ["mdr_explainer"]
    assert {n.split("/")[1] for n in names if n.startswith("mdr_explainer/") and n.count("/") == 1} == set(), \
        "no loose root files (setup.py, README.md) inside the package"
    assert {n.split("/")[1] for n in names if n.startswith("mdr_explainer/")} == {"lessons", "widgets", "content", "site"}
