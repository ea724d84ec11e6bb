"""The live server's handlers on a tiny site: URL forms, gzip, caching headers, the model socket, lifetimes."""
from __future__ import annotations

import gzip
import json

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.testing import AsyncHTTPTestCase, gen_test
from tornado.web import Application
from tornado.websocket import websocket_connect

from mdr_explainer.lessons import server
from mdr_explainer.widgets.registry import REGISTRY

PAGE = "<!doctype html><title>t</title>" + "<p>words</p>" * 200


@pytest.fixture(autouse=True)
def site(tmp_path, request):
    """A built-site folder: a lesson page, a hashed asset, gzip copies."""
    (tmp_path / "lesson").mkdir()
    (tmp_path / "lesson" / "index.html").write_text(PAGE)
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "mdr.0123456789.js").write_text("var x = 1;\n" * 200)
    assert server.precompress(tmp_path) == 3
    if request.instance is not None:
        request.instance.site_path = tmp_path


class ServerTest(AsyncHTTPTestCase):
    site_path = None

    def get_app(self):
        return Application(server.routes(self.site_path, []))

    def fetch_raw(self, path, **headers):
        return self.fetch(path, headers=headers, decompress_response=False, follow_redirects=False, raise_error=False)

    def test_every_url_form_of_a_page(self):
        for path in ("/lesson/", "/lesson/index.html", "/lesson/?a.b=1", "/"):
            response = self.fetch_raw(path)
            assert response.code == 200 and response.body.decode() == PAGE, path
        bare = self.fetch_raw("/lesson?reader=student&w.x=2")
        assert bare.code == 302 and bare.headers["Location"] == "/lesson/?reader=student&w.x=2"
        assert self.fetch_raw("/nowhere/").code == 404

    def test_gzip_copies_are_served_whole_with_the_right_headers(self):
        response = self.fetch_raw("/lesson/", **{"Accept-Encoding": "gzip, deflate"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert int(response.headers["Content-Length"]) == len(response.body) < len(PAGE)
        assert gzip.decompress(response.body).decode() == PAGE
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.headers["Vary"] == "Accept-Encoding"
        assert response.headers["Cache-Control"] == "no-cache"
        plain = self.fetch_raw("/lesson/")
        assert "Content-Encoding" not in plain.headers and plain.body.decode() == PAGE

    def test_hashed_assets_are_immutable(self):
        response = self.fetch_raw("/static/mdr.0123456789.js", **{"Accept-Encoding": "gzip"})
        assert "immutable" in response.headers["Cache-Control"]
        assert "javascript" in response.headers["Content-Type"]
        assert gzip.decompress(response.body).decode().startswith("var x")

    def test_health_reports_this_process(self):
        report = json.loads(self.fetch("/healthz").body)
        assert report["ok"] and report["pid"] > 0 and report["open_sockets"] == 0

    async def ask(self, socket, **request):
        await socket.write_message(json.dumps(request))
        return json.loads(await socket.read_message())

    @gen_test(timeout=30)
    async def test_the_socket_answers_with_the_models_exact_outputs(self):
        url = f"ws://127.0.0.1:{self.get_http_port()}/live"
        socket = await websocket_connect(HTTPRequest(url, headers={"Origin": f"http://127.0.0.1:{self.get_http_port()}"}))
        values = REGISTRY["pump_cycle"].defaults()
        reply = await self.ask(socket, id=7, instance="a", widget="pump_cycle", values=values)
        assert reply["id"] == 7 and reply["instance"] == "a"
        assert reply["outputs"] == json.loads(json.dumps(server.exact_outputs("pump_cycle", values)))
        again = await self.ask(socket, id=8, instance="a", widget="pump_cycle", values=values)
        assert again["outputs"] == reply["outputs"] and server.CACHE.hits >= 1
        for bad in ('{"id": 1}', '{"id": 1, "instance": "a", "widget": "nope", "values": {}}', "[1]", "not json"):
            await socket.write_message(bad)
            assert "error" in json.loads(await socket.read_message())
        health = await self.http_client.fetch(self.get_url("/healthz"))
        assert json.loads(health.body)["open_sockets"] == 1
        socket.close()

    @gen_test(timeout=30)
    async def test_other_origins_are_refused(self):
        url = f"ws://127.0.0.1:{self.get_http_port()}/live"
        with pytest.raises(HTTPClientError):
            await websocket_connect(HTTPRequest(url, headers={"Origin": "http://evil.example"}))

    @gen_test(timeout=30)
    async def test_idle_sockets_are_closed_with_the_idle_code(self):
        url = f"ws://127.0.0.1:{self.get_http_port()}/live"
        socket = await websocket_connect(HTTPRequest(url, headers={"Origin": f"http://127.0.0.1:{self.get_http_port()}"}))
        await self.ask(socket, id=1, instance="a", widget="pump_cycle", values={})
        server.LiveModel.sweep(now=10**9)
        assert await socket.read_message() is None
        assert socket.close_code == server.IDLE_CODE
        assert server.LiveModel.open_sockets == set()


def test_cache_is_bounded_and_keys_on_checked_values():
    cache = server.OutputCache(size=2)
    a = cache.get("pump_cycle", {"step": 1})
    assert cache.get("pump_cycle", {"step": 1.0000001, "junk": 3}) == a  # snapped to the same state
    cache.get("pump_cycle", {"step": 2})
    cache.get("pump_cycle", {"step": 3})
    assert len(cache.entries) == 2 and cache.hits == 1


def test_socket_lifetimes_are_stated():
    assert server.LiveModel.ping_interval == server.PING_SECONDS <= 60
    assert server.LiveModel.ping_timeout <= server.LiveModel.ping_interval
    assert server.IDLE_SECONDS >= 600 and server.LiveModel.max_message_size == server.MAX_MESSAGE_BYTES
