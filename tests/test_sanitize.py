"""No script, handler, frame or redirect written in a lesson reaches a page."""
import re

import pytest

from mdr_explainer.lessons.build import build_site
from mdr_explainer.lessons.sanitize import sanitize
from conftest import LESSON, make_content

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<svg><script>alert(1)</script></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<details open ontoggle="alert(1)">x</details>',
    '<form action="https://evil.example"><input name=a></form>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<style>body{background:url(https://evil.example)}</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
]
FORBIDDEN = re.compile(r"<script|onerror|onload|ontoggle|javascript:|data:|<iframe|<object|<embed|<base|"
                       r"http-equiv|<form|<link|<style|evil\.example\">", re.I)


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitizer_removes_every_vector(vector):
    cleaned = sanitize(f"<p>before</p>{vector}<p>after</p>")
    assert not FORBIDDEN.search(cleaned), cleaned
    assert "before" in cleaned


def test_sanitizer_keeps_what_writers_need():
    html = ('<table><tr><th>a</th></tr></table><details><summary>s</summary><p>x</p></details>'
            '<a href="https://doi.org/10.1/x">doi</a><sup class="cite">1</sup>')
    cleaned = sanitize(html)
    for piece in ("<table>", "<details>", "<summary>", 'href="https://doi.org/10.1/x"', '<sup class="cite">'):
        assert piece in cleaned


def test_injections_in_body_front_matter_and_widget_caption_never_reach_the_page(tmp_path):
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a><iframe src=//e></iframe>'
    lesson = (LESSON.replace("title: A tiny lesson", 'title: "Tiny <script>alert(4)</script>"')
              .replace("key_message: Pumps push drugs out.", 'key_message: "<img src=x onerror=alert(5)> Pumps push drugs out."')
              .replace("Shared intro.", "Shared intro. " + evil)
              .replace("caption: What to notice.", "caption: 'What <script>alert(6)</script> to notice'")
              .replace("feedback: Yes.", "feedback: 'Yes <img src=x onerror=alert(7)>'")
              .replace("Plain words about", '<meta http-equiv="refresh" content="0;url=//e"><base href="//e/"> Plain words about'))
    root = make_content(tmp_path / "c", lesson)
    build_site(root, tmp_path / "out")
    page = (tmp_path / "out" / "tiny" / "index.html").read_text()
    assert "alert(" not in re.sub(r"&lt;script&gt;alert\(\d\)&lt;/script&gt;|&lt;img src=x onerror=alert\(\d\)&gt;", "", page)
    assert "<iframe" not in page and "javascript:" not in page and "http-equiv" not in page and "<base" not in page
    assert "Tiny &lt;script&gt;" in page
