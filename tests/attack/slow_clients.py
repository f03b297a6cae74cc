#!/usr/bin/env python3
"""Slow and idle attackers for mcpd's attack tests and bench (loopback only, bounded).

Opens COUNT connections of one KIND from source addresses 127.0.0.2 ... 127.0.0.(1+SOURCES)
and holds them the way the kind says, then reports as JSON what the server did to them:

  head    sends a request head one byte per INTERVAL, never finishing it
  body    sends a whole head with Content-Length: 4000, then the body one byte per INTERVAL
  silent  connects and sends nothing
  idle    sends one whole request, reads the answer, then stays silent (keep-alive)
  hello   (TLS port) sends a TLS ClientHello one byte per INTERVAL
With --tls, head/body/idle run inside a completed TLS handshake; silent stays plain TCP.

One thread, non-blocking sockets and a selector, so that thousands of connections cost
little CPU on the attacking side. Prints "holding N" on stdout once every connection is open
(or failed), then, when every connection has ended or --max-seconds passed, one JSON line:
  {"opened", "failed", "held_at_ready", "answered": {status: n}, "closed_silently",
   "still_open", "ended_within_1s", "end_seconds_p50", "end_seconds_max"}
where end_seconds is the time from a connection's open to the server ending it, and an
answer is the status line of the last response that ended the connection (for idle, the
first 200 does not count: the close after it does).
"""
import argparse
import errno
import json
import selectors
import socket
import ssl
import time

# Connections connecting (and for TLS handshaking) at once: the rest wait their turn, so a
# slow attacking side never lets handshakes pile up past the server's deadline.
CONNECTING_AT_ONCE = 100


def client_hello():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outgoing.read()


class Conn:
    __slots__ = ("sock", "state", "trickle", "position", "received", "opened_at", "first")

    def __init__(self, sock):
        self.sock = sock
        self.state = "connecting"
        self.trickle = b""
        self.position = 0
        self.received = b""
        self.opened_at = None
        self.first = b""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--kind", choices=["head", "body", "silent", "idle", "hello"],
                        required=True)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--max-seconds", type=float, default=30)
    args = parser.parse_args()

    use_tls = args.tls and args.kind in ("head", "body", "idle")
    tls_ctx = ssl.create_default_context()
    tls_ctx.check_hostname = False
    tls_ctx.verify_mode = ssl.CERT_NONE
    head = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n"
    first, trickle = {
        "head": (b"", head + b"X-Pad: " + b"a" * 1000),
        "body": (b"POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 4000\r\n\r\n", b"[" * 4000),
        "hello": (b"", client_hello() if args.kind == "hello" else b""),
        "idle": (head + b"\r\n", b""),
        "silent": (b"", b""),
    }[args.kind]

    sel = selectors.DefaultSelector()
    started = time.monotonic()
    stats = {"opened": 0, "failed": 0, "answered": {}, "closed_silently": 0}
    ends = []
    live = set()
    next_index = 0
    connecting = 0
    ready_printed = False

    def end(conn):
        nonlocal connecting
        if conn.state in ("connecting", "handshaking"):
            connecting -= 1
        if conn.state == "connecting":
            stats["failed"] += 1
        else:
            ends.append(time.monotonic() - conn.opened_at)
            answers = [line.split(b" ")[1].decode() for line in conn.received.split(b"\r\n")
                       if line.startswith(b"HTTP/1.1 ") and len(line.split(b" ")) > 1]
            if answers and not (args.kind == "idle" and answers == ["200"]):
                stats["answered"][answers[-1]] = stats["answered"].get(answers[-1], 0) + 1
            else:
                stats["closed_silently"] += 1
        conn.state = "done"
        live.discard(conn)
        try:
            sel.unregister(conn.sock)
        except (KeyError, ValueError):
            pass
        conn.sock.close()

    def opened(conn):
        nonlocal connecting
        connecting -= 1  # connected, and for TLS also through the handshake
        conn.state = "open"
        if first:
            try:
                conn.sock.send(first)
            except (ssl.SSLWantWriteError, ssl.SSLWantReadError, BlockingIOError):
                pass
        sel.modify(conn.sock, selectors.EVENT_READ, conn)

    def handshake(conn):
        try:
            conn.sock.do_handshake()
        except ssl.SSLWantReadError:
            sel.modify(conn.sock, selectors.EVENT_READ, conn)
            return
        except ssl.SSLWantWriteError:
            sel.modify(conn.sock, selectors.EVENT_WRITE, conn)
            return
        opened(conn)

    def handle(conn, mask):
        nonlocal connecting
        try:
            if conn.state == "connecting":
                error = conn.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if error:
                    return end(conn)
                stats["opened"] += 1
                conn.opened_at = time.monotonic()
                conn.trickle = trickle
                if use_tls:
                    conn.sock = tls_ctx.wrap_socket(conn.sock, server_hostname="localhost",
                                                    do_handshake_on_connect=False)
                    sel.unregister(conn.sock)  # re-registered as the SSL socket
                    sel.register(conn.sock, selectors.EVENT_WRITE, conn)
                    conn.state = "handshaking"
                    return handshake(conn)
                return opened(conn)
            if conn.state == "handshaking":
                return handshake(conn)
            data = conn.sock.recv(65536)
            if not data:
                return end(conn)
            conn.received += data
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
            return
        except (OSError, ssl.SSLError, ValueError):
            return end(conn)

    while True:
        now = time.monotonic()
        if now - started > args.max_seconds:
            break
        while next_index < args.count and connecting < CONNECTING_AT_ONCE:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.bind(("127.0.0.%d" % (2 + next_index % args.sources), 0))
            code = sock.connect_ex(("127.0.0.1", args.port))
            conn = Conn(sock)
            next_index += 1
            connecting += 1
            live.add(conn)
            if code not in (0, errno.EINPROGRESS):
                end(conn)
                continue
            sel.register(sock, selectors.EVENT_WRITE, conn)
        if not ready_printed and next_index == args.count and connecting == 0:
            print("holding %d" % len(live), flush=True)
            held = len(live)
            ready_printed = True
            last_tick = now
        if ready_printed and not live:
            break
        if ready_printed and now - last_tick >= args.interval:
            last_tick = now
            for conn in list(live):
                if conn.state == "open" and conn.position < len(conn.trickle):
                    try:
                        conn.sock.send(conn.trickle[conn.position:conn.position + 1])
                        conn.position += 1
                    except (ssl.SSLWantWriteError, ssl.SSLWantReadError, BlockingIOError):
                        pass
                    except (OSError, ssl.SSLError, ValueError):
                        end(conn)
        for key, mask in sel.select(timeout=0.05):
            handle(key.data, mask)
    still_open = len(live)
    if not ready_printed:
        held = len(live)
        print("holding %d" % held, flush=True)
    ends.sort()
    print(json.dumps({
        "opened": stats["opened"], "failed": stats["failed"], "held_at_ready": held,
        "answered": stats["answered"], "closed_silently": stats["closed_silently"],
        "still_open": still_open,
        "ended_within_1s": sum(1 for e in ends if e < 1.0),
        "end_seconds_p50": round(ends[len(ends) // 2], 2) if ends else None,
        "end_seconds_max": round(ends[-1], 2) if ends else None}), flush=True)


if __name__ == "__main__":
    main()
