#!/usr/bin/env python3
"""Keeps HTTPS traffic flowing until told to stop, and reports every failure (tests only).

K threads each hold one kept-alive connection and send GET PATH on it in a loop; another
thread opens a brand-new connection (full handshake, no resumption) for every request.
Prints "started" after the first request served; runs until the file STOP exists, then
prints one JSON object: requests served, failures
(with their first error), how many times a kept-alive connection had to be reopened, and
the set of leaf certificate serials the new handshakes saw, in order of first sight.
"""
import argparse
import http.client
import json
import os
import socket
import ssl
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--path", default="/healthz")
    parser.add_argument("--keepalive", type=int, default=4)
    parser.add_argument("--stop-file", required=True)
    args = parser.parse_args()

    ctx = ssl.create_default_context(cafile=args.ca)

    class Connection(http.client.HTTPSConnection):
        """Connects to 127.0.0.1 while verifying (and sending SNI and Host for) args.host."""

        def connect(self):
            raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
            self.sock = ctx.wrap_socket(raw, server_hostname=self.host)
    lock = threading.Lock()
    totals = {"served": 0, "failed": 0, "reopened": 0, "first_error": "", "serials": []}

    def record(ok, error=""):
        with lock:
            if ok:
                totals["served"] += 1
                if totals["served"] == 1:
                    print("started", flush=True)
            else:
                totals["failed"] += 1
                totals["first_error"] = totals["first_error"] or error

    def keepalive_loop():
        conn = Connection(args.host, args.port, timeout=10)
        opened = False
        while not os.path.exists(args.stop_file):
            try:
                if opened and conn.sock is None:
                    with lock:
                        totals["reopened"] += 1
                conn.request("GET", args.path)
                response = conn.getresponse()
                response.read()
                opened = True
                record(response.status == 200, f"status {response.status}")
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException) as e:
                record(False, f"keep-alive: {e!r}")
                conn.close()

    def handshake_loop():
        while not os.path.exists(args.stop_file):
            try:
                with socket.create_connection(("127.0.0.1", args.port), timeout=10) as raw:
                    with ctx.wrap_socket(raw, server_hostname=args.host) as tls:
                        serial = tls.getpeercert()["serialNumber"]
                        tls.sendall(f"GET {args.path} HTTP/1.1\r\nHost: {args.host}\r\n"
                                    "Connection: close\r\n\r\n".encode())
                        reply = b""
                        while chunk := tls.recv(4096):
                            reply += chunk
                ok = reply.startswith(b"HTTP/1.1 200")
                record(ok, f"new connection: {reply[:40]!r}")
                with lock:
                    if ok and serial not in totals["serials"]:
                        totals["serials"].append(serial)
            except (OSError, ssl.SSLError, KeyError) as e:
                record(False, f"new connection: {e!r}")

    threads = [threading.Thread(target=keepalive_loop) for _ in range(args.keepalive)]
    threads.append(threading.Thread(target=handshake_loop))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
