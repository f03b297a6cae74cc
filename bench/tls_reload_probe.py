#!/usr/bin/env python3
"""Certificate reload under load, the same way for any HTTPS server (bench only).

K client threads send GET requests over kept-alive HTTPS connections. The main thread
installs N new certificate pairs one after another (temporary file, then rename, as certd
does), runs an optional reload command (nginx needs `nginx -s reload`), and measures the
time from the rename until a brand-new handshake serves the new certificate.

Prints one JSON object: reload latencies (p50, p99, max in ms), requests served, requests
that failed even after one retry on a fresh connection, and connections the server closed.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time


def handshake_der(port, ctx):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.getpeercert(binary_form=True)


def leaf_der(path):
    with open(path) as f:
        pem = f.read()
    first = pem[: pem.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")]
    return ssl.PEM_cert_to_DER_cert(first)


def install(src, dst):
    tmp = dst + ".probe-tmp"
    shutil.copyfile(src, tmp)
    os.rename(tmp, dst)


class Client(threading.Thread):
    def __init__(self, port, ctx, stop):
        super().__init__(daemon=True)
        self.port, self.ctx, self.stop = port, ctx, stop
        self.ok = self.failed = self.closed = 0

    def connect(self):
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=5)

    def run(self):
        conn = self.connect()
        while not self.stop.is_set():
            for attempt in (1, 2):
                try:
                    conn.request("GET", "/healthz")
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        raise RuntimeError(f"status {response.status}")
                    self.ok += 1
                    if response.will_close:
                        self.closed += 1
                        conn.close()
                        conn = self.connect()
                    break
                except Exception:  # a closed keep-alive connection: retry once, fresh
                    conn.close()
                    conn = self.connect()
                    if attempt == 1:
                        self.closed += 1
                    else:
                        self.failed += 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--cert-dest", required=True)
    p.add_argument("--key-dest", required=True)
    p.add_argument("--pairs", required=True, help="directory with N.crt and N.key, N = 1..count")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--reload-cmd", default="")
    args = p.parse_args()

    ctx = ssl.create_default_context(cafile=args.ca)
    ctx.check_hostname = False  # clients connect to 127.0.0.1; the CA check still applies
    stop = threading.Event()
    clients = [Client(args.port, ctx, stop) for _ in range(args.clients)]
    for c in clients:
        c.start()
    time.sleep(0.5)  # bench warm-up: let every client hold a kept-alive connection

    latencies = []
    for i in range(1, args.count + 1):
        expected = leaf_der(os.path.join(args.pairs, f"{i}.crt"))
        install(os.path.join(args.pairs, f"{i}.crt"), args.cert_dest)
        install(os.path.join(args.pairs, f"{i}.key"), args.key_dest)
        start = time.perf_counter()
        if args.reload_cmd:
            subprocess.run(args.reload_cmd, shell=True, check=True)
        while handshake_der(args.port, ctx) != expected:
            if time.perf_counter() - start > 10:
                raise SystemExit(f"pair {i} not served after 10 s")
        latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(0.2)  # bench pacing: traffic between reloads

    stop.set()
    for c in clients:
        c.join(10)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(json.dumps({
        "reload_ms_p50": round(pick(0.50), 1), "reload_ms_p99": round(pick(0.99), 1),
        "reload_ms_max": round(latencies[-1], 1),
        "requests": sum(c.ok for c in clients), "failed": sum(c.failed for c in clients),
        "closed": sum(c.closed for c in clients)}))


if __name__ == "__main__":
    main()
