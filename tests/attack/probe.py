#!/usr/bin/env python3
"""The well-behaved client of the attack tests: sequential requests, each timed.

  probe.py --port P [--tls] [--healthz N] [--mcp M]

N times GET /healthz on a new connection; M times an MCP exchange on one new keep-alive
connection (initialize, notifications/initialized, tools/list), each HTTP request timed on
its own. Prints one JSON line: {"healthz": STATS, "mcp": STATS, "errors": [...]}, where STATS
is {"n", "ok", "p50_ms", "p99_ms", "max_ms"}; a request is ok when it got the expected
status within 10 s.
"""
import argparse
import http.client
import json
import ssl
import time

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "probe", "version": "1"}}}


def connection(args):
    if args.tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection("127.0.0.1", args.port, timeout=10, context=ctx)
    return http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)


def stats(samples, n):
    ok = sorted(samples)
    pick = lambda q: round(ok[min(len(ok) - 1, int(q * len(ok)))] * 1000, 1) if ok else None
    return {"n": n, "ok": len(ok), "p50_ms": pick(0.5), "p99_ms": pick(0.99),
            "max_ms": round(ok[-1] * 1000, 1) if ok else None}


def timed(errors, what, call, expect):
    start = time.monotonic()
    try:
        status, headers, body = call()
    except Exception as e:  # noqa: BLE001 - any failure is a failed probe
        errors.append("%s: %s" % (what, e))
        return None, None, None
    elapsed = time.monotonic() - start
    if status != expect:
        errors.append("%s: status %s" % (what, status))
        return None, None, None
    return elapsed, headers, body


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response.status, response.headers, data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--healthz", type=int, default=100)
    parser.add_argument("--mcp", type=int, default=10)
    args = parser.parse_args()
    errors, health, mcp = [], [], []
    for _ in range(args.healthz):
        conn = connection(args)
        elapsed, _, _ = timed(errors, "healthz", lambda: request(conn, "GET", "/healthz"), 200)
        conn.close()
        if elapsed is not None:
            health.append(elapsed)
    base = {"Host": "localhost", "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream"}
    for _ in range(args.mcp):
        conn = connection(args)
        elapsed, headers, _ = timed(errors, "initialize", lambda: request(
            conn, "POST", "/mcp", json.dumps(INIT), base), 200)
        if elapsed is None:
            conn.close()
            continue
        mcp.append(elapsed)
        session = dict(base, **{"Mcp-Session-Id": headers.get("Mcp-Session-Id", ""),
                                "MCP-Protocol-Version": "2025-06-18"})
        note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
        elapsed, _, _ = timed(errors, "initialized", lambda: request(
            conn, "POST", "/mcp", json.dumps(note), session), 202)
        if elapsed is not None:
            mcp.append(elapsed)
        tools = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
        elapsed, _, body = timed(errors, "tools/list", lambda: request(
            conn, "POST", "/mcp", json.dumps(tools), session), 200)
        if elapsed is not None and b'"tools"' in body:
            mcp.append(elapsed)
        elif elapsed is not None:
            errors.append("tools/list: no tools in %r" % body[:200])
        conn.close()
    print(json.dumps({"healthz": stats(health, args.healthz),
                      "mcp": stats(mcp, args.mcp * 3), "errors": errors[:10]}))


if __name__ == "__main__":
    main()
