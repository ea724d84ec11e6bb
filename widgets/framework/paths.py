"""Where the packaged data folders (content, site) live: beside the Python packages of mdr_explainer."""
from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def data_dir(name: str) -> Path:
    """The packaged folder `site` or `content`, beside the widgets package (installed or editable)."""
    with as_file(files("mdr_explainer.widgets")) as widgets:
        folder = Path(widgets).parent / name
    if not folder.is_dir():
        raise FileNotFoundError(f"the installed package has no {name}/ folder; reinstall mdr-explainer")
    return folder
