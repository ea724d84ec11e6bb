"""Holds up over time: readers drag sliders against the live server for minutes; prints the figures.

Each simulated reader keeps one WebSocket, as a page does, and drags a slider of one of the
site's widgets step by step at a human rate (one request per step, as the page sends one per
input event), then picks another slider; every few minutes it leaves and comes back (a new
page). Every minute it prints the server's RSS, requests answered, errors, reply latency and
open sockets; at the end every reader leaves and the server must report no open socket.

    python benchmarks/soak.py                      # 20 readers, 600 s
    python benchmarks/soak.py --duration 60 --readers 5

Traffic goes to 127.0.0.1 only, bounded by --readers, --rate and --duration.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import Target, health, loopback_only, pct, start_local  # noqa: E402

from mdr_explainer.widgets.registry import REGISTRY  # noqa: E402


class Stats:
    """Counts for the current minute and the whole run."""

    def __init__(self):
        self.sent = self.answered = self.errors = self.sessions = 0
        self.latencies: list[float] = []
        self.error_kinds: dict[str, int] = {}

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


async def reader(url: str, seed: int, rate: float, session_s: float, stop: float, minute: list, total: Stats) -> None:
    """One reader: sessions of dragging sliders until the stop time."""
    rng = random.Random(seed)
    names = sorted(REGISTRY)
    while time.monotonic() < stop:
        try:
            socket = await asyncio.wait_for(websocket_connect(HTTPRequest(
                url.replace("http://", "ws://") + "/live", headers={"Origin": url})), 30)
        except Exception as err:
            for s in (minute[0], total):
                s.error(f"connect: {type(err).__name__}")
            await asyncio.sleep(1)
            continue
        for s in (minute[0], total):
            s.sessions += 1
        values = {n: REGISTRY[n].defaults() for n in names}
        sent: dict[int, float] = {}
        latest: dict[str, int] = {}
        next_id = 1

        async def receive():
            while True:
                message = await socket.read_message()
                if message is None:
                    return
                reply = json.loads(message)
                if "outputs" not in reply:
                    for s in (minute[0], total):
                        s.error("bad reply")
                    continue
                t = sent.pop(reply["id"], None)
                for s in (minute[0], total):
                    s.answered += 1
                    if t is not None:
                        s.latencies.append(time.monotonic() - t)

        receiving = asyncio.create_task(receive())
        session_end = min(stop, time.monotonic() + rng.uniform(0.5, 1.5) * session_s)
        while time.monotonic() < session_end and not receiving.done():
            name = rng.choice(names)
            sliders = [p for p in REGISTRY[name].params if not p.options] or list(REGISTRY[name].params)
            param = rng.choice(sliders)
            steps = list(param.slider_values()) if not param.options else list(range(len(param.options)))
            i = min(range(len(steps)), key=lambda k: abs(steps[k] - values[name][param.name]))
            direction = rng.choice((-1, 1))
            for _ in range(rng.randint(5, 20)):  # one drag
                if not 0 <= i + direction < len(steps):
                    direction = -direction
                i += direction
                values[name][param.name] = float(steps[i])
                instance = f"{name}"
                latest[instance] = next_id
                sent[next_id] = time.monotonic()
                try:
                    await socket.write_message(json.dumps({"id": next_id, "instance": instance, "widget": name,
                                                           "values": values[name]}))
                except Exception as err:
                    for s in (minute[0], total):
                        s.error(f"send: {type(err).__name__}")
                    break
                for s in (minute[0], total):
                    s.sent += 1
                next_id += 1
                await asyncio.sleep(1 / rate)
            await asyncio.sleep(rng.uniform(0.2, 1.0))  # between drags
        # The page only needs the answer to each instance's latest request: wait for those.
        deadline = time.monotonic() + 15
        while any(i in sent for i in latest.values()) and time.monotonic() < deadline and not receiving.done():
            await asyncio.sleep(0.05)
        for instance, i in latest.items():
            if i in sent:
                for s in (minute[0], total):
                    s.error("latest request unanswered")
        socket.close()
        receiving.cancel()
        await asyncio.sleep(rng.uniform(0.5, 2))  # a reader between pages


async def run(args) -> None:
    loopback_only(args.url)
    mdr = [args.mdr] if args.mdr else [sys.executable, "-m", "mdr_explainer.lessons.cli"]
    target = Target(args.url, [int(args.url.rsplit(":", 1)[1])]) if args.url else start_local(mdr, args.site)
    total, minute = Stats(), [Stats()]
    print(f"soak: {args.readers} readers, {args.rate:g} requests/s each while dragging, sessions ~{args.session:g} s, "
          f"{args.duration:g} s; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    print("  t (s)  RSS MB  sent  answered  superseded  errors  latency p50/p95 (ms)  open sockets  cache hit %")
    rss = [target.rss_kb() / 1024]
    print(f"{0:>7}  {rss[0]:6.1f}", flush=True)
    stop = time.monotonic() + args.duration
    tasks = [asyncio.create_task(reader(target.url, i, args.rate, args.session, stop, minute, total))
             for i in range(args.readers)]
    try:
        t = 0
        while time.monotonic() < stop:
            await asyncio.sleep(min(args.interval, max(0.0, stop - time.monotonic())))
            t += 1
            m, h = minute[0], health(target.backend_ports[0])
            minute[0] = Stats()
            rss.append(target.rss_kb() / 1024)
            cache = h["cache"]
            hit = 100 * cache["hits"] / max(1, cache["hits"] + cache["misses"])
            print(f"{t * args.interval:>7.0f}  {rss[-1]:6.1f}  {m.sent:5d}  {m.answered:8d}  {m.sent - m.answered:10d}  {m.errors:6d}  "
                  f"{1000 * pct(m.latencies, .5):8.0f} {1000 * pct(m.latencies, .95):8.0f}        "
                  f"{h['open_sockets']:5d}       {hit:5.1f}", flush=True)
        await asyncio.gather(*tasks)
        await asyncio.sleep(2)
        h = health(target.backend_ports[0])
        rss.append(target.rss_kb() / 1024)
        after_warm = rss[2:] if len(rss) > 3 else rss[1:]
        print(f"done: sent {total.sent}, answered {total.answered} (the rest superseded by a newer step of the same "
              f"widget), errors {total.errors} {total.error_kinds or ''}; sessions {total.sessions}; "
              f"open sockets after all left: {h['open_sockets']}; RSS after warm-up min {min(after_warm):.1f} "
              f"max {max(after_warm):.1f} MB, at the end {rss[-1]:.1f} MB; latency p50 {1000 * pct(total.latencies, .5):.0f} ms "
              f"p95 {1000 * pct(total.latencies, .95):.0f} ms", flush=True)
    finally:
        for task in tasks:
            task.cancel()
        if not args.url:
            target.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--rate", type=float, default=6.0, help="requests per second per reader while dragging")
    ap.add_argument("--duration", type=float, default=600.0, help="seconds")
    ap.add_argument("--session", type=float, default=120.0, help="seconds a reader stays on a page, on average")
    ap.add_argument("--interval", type=float, default=60.0, help="seconds between printed lines")
    ap.add_argument("--url", help="a server already running")
    ap.add_argument("--mdr", help="the mdr-explainer command (default: this Python's module)")
    ap.add_argument("--site", help="serve pages built by `mdr-explainer build --live` (skips the build)")
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
