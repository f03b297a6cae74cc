"""Session flood attack on a running mcpd (issue: a flood of sessions never locks out a
new client). Run inside a network namespace whose lo carries the IPv6 addresses named
below. With limits.sessions=SESSIONS, limits.sessions_per_client=PER_CLIENT and
limits.sse_streams=SSE:
  1. an IPv4 address gets PER_CLIENT sessions, then 429; so do 40 addresses of one IPv6
     /64 together;
  2. 20 IPv4 addresses each try 2 x PER_CLIENT initializes (more than the table holds):
     nobody gets 503, since the least recently used idle sessions make room;
  3. well-behaved clients (IPv4 and IPv6) start sessions and search, during a second
     flood wave, and their sessions keep working after it;
  4. a legacy SSE flood fills its own cap (503 past it) while Streamable HTTP still opens
     sessions;
  5. sessions never used after initialize expire after limits.session_unused_idle.

  python3 session_flood.py --pid PID --port PORT --sessions N --per-client K --sse S
"""

import argparse
import json
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import attack_client as ac

V6_ATTACK = "2001:db8:a:1::{}"  # 40 addresses of one /64, added to lo by the test
V6_CLIENT = "2001:db8:b:2::1"


def metric(target, name):
    status, _, body = ac.exchange(target, "GET", "/metrics")
    if status != 200:
        raise AssertionError(f"/metrics answered {status}")
    for line in body.decode().splitlines():
        if line.startswith(name + " "):
            return int(float(line.split()[1]))
    raise AssertionError(f"no {name} in /metrics")


def flood(target, sources, per_source):
    """Each source opens per_source sessions (initialize only, as a flood does); returns
    {source: [statuses]} and the ids of the sessions opened."""
    def one(source):
        return [ac.initialize(target, source, notify=False) for _ in range(per_source)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = dict(zip(sources, pool.map(one, sources)))
    statuses = {s: [status for status, _ in r] for s, r in results.items()}
    ids = [sid for r in results.values() for status, sid in r if status == 200]
    return statuses, ids


def open_sse(target, source):
    """A GET /sse held open; (status, socket or None)."""
    sock = target.connect(source, 10)
    sock.sendall(f"GET /sse HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                 .encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head.split(b" ")[1]) if head else None
    if status != 200:
        sock.close()
        return status, None
    return status, sock


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sessions", type=int, required=True)
    parser.add_argument("--per-client", type=int, required=True)
    parser.add_argument("--sse", type=int, required=True)
    parser.add_argument("--unused-idle", type=float, required=True)
    args = parser.parse_args()
    k = args.per_client
    v4 = ac.Target("127.0.0.1", args.port)
    v6 = ac.Target("::1", args.port)
    started = time.monotonic()

    # 1. The caps, while the table has room: an IPv4 address, and one IPv6 /64 whichever of
    # its addresses it uses, each get PER_CLIENT sessions, then 429.
    cap4, _ = flood(v4, ["127.0.1.100"], 2 * k)
    if cap4["127.0.1.100"] != [200] * k + [429] * k:
        raise AssertionError(f"IPv4 address: expected {k} sessions then 429, got {cap4}")
    statuses6, _ = flood(v6, [V6_ATTACK.format(i) for i in range(1, 41)], 1)
    got6 = [s for got in statuses6.values() for s in got]
    if got6.count(200) != k or got6.count(429) != 40 - k:
        raise AssertionError(f"IPv6 /64: expected {k} sessions and {40 - k} x 429, got {got6}")

    # 2. An IPv4 flood past the table size: the least recently used idle sessions make room,
    # nobody gets 503; each address is still capped (evictions free its slots again).
    sources = [f"127.0.1.{i}" for i in range(1, 21)]
    statuses, flood_ids = flood(v4, sources, 2 * k)
    assert 20 * k > args.sessions, "the flood must be larger than the table"
    for source, got in statuses.items():
        if got.count(200) < k or any(s not in (200, 429) for s in got):
            raise AssertionError(f"{source}: expected at least {k} sessions and 429, got {got}")
    if not any(429 in got for got in statuses.values()):
        raise AssertionError("the per-client cap never engaged during the flood")
    evicted = metric(v4, "mcpd_sessions_evicted_total")
    if evicted == 0:
        raise AssertionError("a full table made no room")
    # Pings keep some flood sessions in use (they survive; the fresh ones make room).
    kept_alive = 0
    for sid in flood_ids[-30:]:
        status, _, _ = ac.mcp_post(v4, {"jsonrpc": "2.0", "id": 5, "method": "ping"}, sid,
                                   "127.0.1.1")
        if status not in (200, 404):
            raise AssertionError(f"ping on a flood session answered {status}")
        kept_alive += status == 200

    # 3. Well-behaved clients during a second flood wave, and after it.
    w4 = ac.well_behaved(v4, "127.0.2.1")
    w6 = ac.well_behaved(v6, V6_CLIENT)
    with ThreadPoolExecutor(max_workers=2) as pool:
        wave = pool.submit(flood, v4, [f"127.0.3.{i}" for i in range(1, 21)], k)
        during = [ac.well_behaved(v4, f"127.0.2.{i}") for i in range(2, 12)]
        wave_statuses, _ = wave.result()
    if any(s != 200 for got in wave_statuses.values() for s in got):
        raise AssertionError("the second wave was refused although idle sessions could go")
    for session, target, source in ((w4, v4, "127.0.2.1"), (w6, v6, V6_CLIENT)):
        if ac.search(target, session, source=source) < 1:
            raise AssertionError("a well-behaved session lost its search after the flood")

    # 4. Legacy SSE flood: its own cap, and Streamable HTTP is not affected.
    streams, sse_statuses = [], []
    for i in range(args.sse + 10):
        status, sock = open_sse(v4, f"127.0.4.{i // k + 1}")
        sse_statuses.append(status)
        if sock:
            streams.append(sock)
    if sse_statuses.count(200) != args.sse or any(s not in (200, 503) for s in sse_statuses):
        raise AssertionError(f"SSE flood: expected {args.sse} streams then 503, got {sse_statuses}")
    ac.well_behaved(v4, "127.0.2.20")
    for sock in streams:
        sock.close()
    ac.wait_until(lambda: open_sse(v4, "127.0.2.21")[0] == 200, 10,
                  "a legacy SSE client after the SSE flood ended")

    # 5. Sessions never used after initialize expire quickly; used ones stay.
    ac.wait_until(lambda: metric(v4, "mcpd_sessions_open") <= kept_alive + 14,
                  args.unused_idle * 2 + 5, "unused flood sessions expiring")
    if ac.search(v4, w4, source="127.0.2.1") < 1:
        raise AssertionError("a used session expired with the unused ones")
    print(f"session flood: {sum(len(g) for g in statuses.values()) + len(got6) + 2 * k} flood "
          f"initializes, {evicted}+ evicted, {kept_alive} flood sessions kept alive by pings, "
          f"{len(during) + 3} well-behaved clients served, {args.sse} SSE streams then 503, "
          f"rss {ac.rss_kib(args.pid) / 1024:.1f} MiB, {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"FAIL: {error}", file=sys.stderr)
        sys.exit(1)
