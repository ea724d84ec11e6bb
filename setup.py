"""Install the top-level lessons/, widgets/, content/ and site/ folders under one import name.

The repository keeps its four folders at the top; the wheel places them at
mdr_explainer.lessons, mdr_explainer.widgets, mdr_explainer.content and mdr_explainer.site,
with the content and templates as package data read through importlib.resources.
"""
from setuptools import find_namespace_packages, setup

FOLDERS = ("lessons", "widgets", "content", "site")
DATA = ["*.md", "*.yaml", "*.html", "*.js", "*.css", "*.svg", "*.png", "*.json", "*.ipynb", "*.txt"]

found = find_namespace_packages(include=[f"{f}" for f in FOLDERS] + [f"{f}.*" for f in FOLDERS],
                                exclude=["*.__pycache__"])
setup(
    packages=["mdr_explainer", *(f"mdr_explainer.{p}" for p in found)],
    package_dir={"mdr_explainer": "."},
    package_data={"": DATA},
)
