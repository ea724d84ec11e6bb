"""deploy/run.sh: N servers behind nginx, WebSocket upgrade through the proxy, readers spread by cookie."""
from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

from mdr_explainer.lessons.server import exact_outputs
from mdr_explainer.widgets.registry import REGISTRY
from conftest import REPO, free_port, installed_or_fail

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def answer(url: str, cookie: str) -> dict:
    """One reader's request for pump_cycle's outputs over the proxied WebSocket."""
    async def ask():
        socket = await websocket_connect(HTTPRequest(url.replace("http", "ws", 1) + "/live",
                                                     headers={"Origin": url, "Cookie": cookie}))
        await socket.write_message(json.dumps({"id": 1, "instance": "x", "widget": "pump_cycle",
                                               "values": REGISTRY["pump_cycle"].defaults()}))
        reply = json.loads(await socket.read_message())
        return socket, reply
    return IOLoop.current().run_sync(ask, timeout=30)


@pytest.mark.timeout(400)
def test_two_servers_behind_nginx_spread_readers_and_pass_websockets():
    nginx = installed_or_fail(Path(NGINX), "nginx-light")
    port = free_port()
    while any(free_port() == port + i for i in (1, 2)):
        port = free_port()
    env = {**os.environ, "NGINX": nginx, "MDR_EXPLAINER": str(Path(sys.executable).with_name("mdr-explainer"))}
    proc = subprocess.Popen([str(REPO / "deploy" / "run.sh"), "2", str(port)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 300
        while True:
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.time() < deadline, "deploy/run.sh did not start"
                time.sleep(0.5)
        sockets, pids = [], set()
        for _ in range(16):  # sixteen readers, each with its own cookie jar
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = opener.open(url + "/mdr1-pump?reader=student")
            assert page.geturl() == url + "/mdr1-pump/?reader=student" and b"data-widget" in page.read()
            cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
            assert cookie.startswith("mdr_route=")
            pid = json.loads(opener.open(url + "/healthz").read())["pid"]
            assert all(json.loads(opener.open(url + "/healthz").read())["pid"] == pid for _ in range(3)), "affinity"
            pids.add(pid)
            socket, reply = answer(url, cookie)
            assert reply["outputs"] == json.loads(json.dumps(exact_outputs("pump_cycle", REGISTRY["pump_cycle"].defaults())))
            sockets.append(socket)
        backends = [json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port + i}/healthz").read()) for i in (1, 2)]
        assert {b["pid"] for b in backends} == pids, "readers reached both servers"
        assert sum(b["open_sockets"] for b in backends) == 16 and all(b["open_sockets"] for b in backends)
        for socket in sockets:
            socket.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    time.sleep(0.5)
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/healthz", timeout=2)
