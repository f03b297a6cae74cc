"""Memory amplification attack on a running mcpd (issue: a request's cost is bounded
before it is parsed). Four concurrent 4 MiB hostile bodies ("[{},{},...]", about 1.4
million values), sent without a session and inside a valid 2025-03-26 session (where
they are a batch), plus bodies of many small values: mcpd must answer each with one
error, a well-behaved client must still start a session and search meanwhile, the
sampled peak RSS may grow by at most --max-peak-mib, and --settle seconds later RSS must
be within --max-kept-mib of where it started.

  python3 memory_attack.py --pid PID --port PORT [--cafile CA.pem]
"""

import argparse
import json
import sys
import threading
import time

import attack_client as ac

FOUR_MIB = 4 * 1024 * 1024


def hostile_batch():
    count = (FOUR_MIB - 2) // 3
    return b"[" + b",".join([b"{}"] * count) + b"]"


def many_values():
    head = (b'{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"search",'
            b'"arguments":{"query":"x","v":[')
    count = (FOUR_MIB - len(head) - 8) // 2
    return head + b",".join([b"0"] * count) + b"]}}}"


def check_one_error(status, body, allowed, what):
    if status is None:
        if None not in allowed:
            raise AssertionError(f"{what}: no answer")
        return
    if status not in allowed:
        raise AssertionError(f"{what}: HTTP {status}, expected one of {allowed}: {body[:200]!r}")
    reply = json.loads(body)
    if not isinstance(reply, dict) or "error" not in reply:
        raise AssertionError(f"{what}: not one JSON-RPC error: {body[:200]!r}")
    if len(body) > 1024:
        raise AssertionError(f"{what}: a {len(body)}-byte reply to a hostile body")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cafile")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-peak-mib", type=float, default=64)
    parser.add_argument("--max-kept-mib", type=float, default=16)
    parser.add_argument("--settle", type=float, default=5)
    args = parser.parse_args()
    context = ac.tls_context(args.cafile) if args.cafile else None
    target = ac.Target("127.0.0.1", args.port, context)

    # Warm up as a normal client would, so that the baseline holds what serving costs.
    for _ in range(3):
        ac.well_behaved(target)
    batch_session = ac.initialize(target, version="2025-03-26")[1]
    ac.search(target, batch_session, version="2025-03-26")
    baseline = ac.rss_kib(args.pid)

    batch, values = hostile_batch(), many_values()
    attacks = {
        "no session, Content-Length": lambda: check_one_error(
            *ac.mcp_post(target, None, raw=batch)[::2], (413, None), "no session"),
        "no session, chunked": lambda: check_one_error(
            *ac.exchange(target, "POST", "/mcp", ac.MCP_HEADERS, batch, chunked=True)[::2],
            (413, None), "no session, chunked"),
        "2025-03-26 session, batch": lambda: check_one_error(
            *ac.mcp_post(target, None, batch_session, version="2025-03-26", raw=batch)[::2],
            (413,), "session batch"),
        "2025-03-26 session, many values": lambda: check_one_error(
            *ac.mcp_post(target, None, batch_session, version="2025-03-26", raw=values)[::2],
            (413,), "session values"),
    }

    served = []
    stop = threading.Event()
    failures = []

    def bystander():
        while not stop.is_set():
            try:
                ac.well_behaved(target)
                served.append(1)
            except Exception as error:  # noqa: BLE001 - reported below
                failures.append(error)
                return

    started = time.monotonic()
    with ac.RssSampler(args.pid) as sampler:
        watcher = threading.Thread(target=bystander)
        watcher.start()
        try:
            for _ in range(args.rounds):
                for name, attack in attacks.items():
                    ac.run_concurrently([attack] * 4)
        finally:
            stop.set()
            watcher.join()
    attack_seconds = time.monotonic() - started
    if failures:
        raise AssertionError(f"a well-behaved client failed during the attack: {failures[0]}")
    if not served:
        raise AssertionError("no well-behaved client was served during the attack")

    time.sleep(args.settle)  # the bound is stated for this moment after the attack
    after = ac.rss_kib(args.pid)
    ac.well_behaved(target)  # and the server still serves
    peak_growth = (sampler.peak - baseline) / 1024
    kept = (after - baseline) / 1024
    print(f"memory attack: baseline {baseline / 1024:.1f} MiB, peak +{peak_growth:.1f} MiB, "
          f"{args.settle:.0f} s later {kept:+.1f} MiB; {len(served)} well-behaved sessions "
          f"served during {attack_seconds:.1f} s of attack "
          f"({args.rounds * len(attacks) * 4} hostile 4 MiB bodies)")
    if peak_growth > args.max_peak_mib:
        raise AssertionError(f"peak RSS grew by {peak_growth:.1f} MiB (at most {args.max_peak_mib})")
    if kept > args.max_kept_mib:
        raise AssertionError(f"RSS kept {kept:.1f} MiB (at most {args.max_kept_mib})")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"FAIL: {error}", file=sys.stderr)
        sys.exit(1)
