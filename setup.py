"""Install the top-level lessons/, widgets/, content/ and site/ folders under one import name.

The repository keeps its four folders at the top; the wheel places them at
mdr_explainer.lessons, mdr_explainer.widgets, mdr_explainer.content and mdr_explainer.site,
with the content and templates as package data read through importlib.resources. The wheel holds
one top-level name, mdr_explainer: no tests, benchmarks or deploy folders, and not this file.
"""
import os

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

FOLDERS = ("lessons", "widgets", "content", "site")
DATA = ["*.md", "*.yaml", "*.html", "*.js", "*.css", "*.svg", "*.png", "*.json", "*.ipynb", "*.txt"]
ROOT_MODULES_LEFT_OUT = ("setup",)
ROOT_DATA_LEFT_OUT = ("README.md",)


class BuildOnlyTheFolders(build_py):
    """Leave out the repository's own root files (setup.py, README.md), which package_dir "." would carry."""

    def find_package_modules(self, package, package_dir):
        """The package's modules, without setup.py at the root."""
        found = super().find_package_modules(package, package_dir)
        return [m for m in found if not (package == "mdr_explainer" and m[1] in ROOT_MODULES_LEFT_OUT)]

    def find_data_files(self, package, src_dir):
        """The package's data files, without the root README.md."""
        left_out = {os.path.normpath(os.path.join(src_dir, name)) for name in ROOT_DATA_LEFT_OUT}
        found = super().find_data_files(package, src_dir)
        return [f for f in found if package != "mdr_explainer" or os.path.normpath(f) not in left_out]


found = find_namespace_packages(include=[*FOLDERS, *(f"{f}.*" for f in FOLDERS)], exclude=["*.__pycache__"])
setup(
    packages=["mdr_explainer", *(f"mdr_explainer.{p}" for p in found)],
    package_dir={"mdr_explainer": "."},
    package_data={"": DATA},
    cmdclass={"build_py": BuildOnlyTheFolders},
)
