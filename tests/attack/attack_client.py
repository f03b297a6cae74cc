"""Small raw HTTP/1.1 and MCP helpers for the attack tests (tests/attack/).

Raw sockets rather than http.client: attacks need to choose the source address (IPv4 or an
IPv6 address inside a chosen /64), send bodies the server may refuse half-way, and read an
early answer after a reset. Every call has a deadline (socket timeouts); nothing sleeps to
wait for a condition.
"""

import json
import socket
import ssl
import threading
import time


class Target:
    """Where mcpd listens: host, port, and the TLS context (None for plain HTTP)."""

    def __init__(self, host, port, tls_context=None, server_name="localhost"):
        self.host, self.port = host, port
        self.tls_context, self.server_name = tls_context, server_name

    def connect(self, source=None, timeout=20.0):
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        if source:
            sock.bind((source, 0))
        sock.connect((self.host, self.port))
        if self.tls_context is not None:
            sock = self.tls_context.wrap_socket(sock, server_hostname=self.server_name)
        return sock


def tls_context(cafile):
    context = ssl.create_default_context(cafile=cafile)
    return context


def _read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a response head")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        length = int(headers["content-length"])
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        body = rest[:length]
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(sock, rest)
    else:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        body = rest
    return status, headers, body


def _dechunk(sock, data):
    body = b""
    while True:
        while b"\r\n" not in data:
            more = sock.recv(65536)
            if not more:
                return body
            data += more
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        while len(data) < size + 2:
            more = sock.recv(65536)
            if not more:
                return body + data
            data += more
        if size == 0:
            return body
        body += data[:size]
        data = data[size + 2:]


def exchange(target, method, path, headers=None, body=b"", chunked=False, source=None,
             timeout=20.0):
    """One request on a new connection; (status, headers, body). A server that answers
    early and resets the connection while the body is still being sent gives its answer
    when it could be read, else status None."""
    sock = target.connect(source, timeout)
    try:
        head = [f"{method} {path} HTTP/1.1", f"Host: {target.server_name}", "Connection: close"]
        for name, value in (headers or {}).items():
            head.append(f"{name}: {value}")
        if chunked:
            head.append("Transfer-Encoding: chunked")
        elif body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        try:
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
            if chunked:
                step = 64 * 1024
                for i in range(0, len(body), step):
                    piece = body[i:i + step]
                    sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                sock.sendall(b"0\r\n\r\n")
            else:
                view = memoryview(body)
                for i in range(0, len(body), 256 * 1024):
                    sock.sendall(view[i:i + 256 * 1024])
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, socket.timeout):
            pass  # the server answered early and closed; read what it said
        try:
            return _read_response(sock)
        except (ConnectionError, ssl.SSLError, socket.timeout, OSError):
            return None, {}, b""
    finally:
        sock.close()


MCP_HEADERS = {"Accept": "application/json, text/event-stream",
               "Content-Type": "application/json"}


def mcp_post(target, message, session=None, source=None, version=None, raw=None):
    headers = dict(MCP_HEADERS)
    if session:
        headers["Mcp-Session-Id"] = session
    if version:
        headers["MCP-Protocol-Version"] = version
    body = raw if raw is not None else json.dumps(message).encode()
    return exchange(target, "POST", "/mcp", headers, body, source=source)


def reply_json(status, headers, body):
    """The JSON-RPC reply of a POST /mcp, from JSON or from the last SSE data line."""
    if headers.get("content-type", "").startswith("text/event-stream"):
        data = [l[6:] for l in body.decode().splitlines() if l.startswith("data: ") and l[6:]]
        return json.loads(data[-1])
    return json.loads(body)


def initialize(target, source=None, version="2025-06-18", notify=True):
    """Opens a Streamable HTTP session; (status, session id or None)."""
    status, headers, _ = mcp_post(target, {
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": version, "capabilities": {},
                   "clientInfo": {"name": "attack-test", "version": "1"}}}, source=source)
    session = headers.get("mcp-session-id")
    if status == 200 and notify:
        s, _, _ = mcp_post(target, {"jsonrpc": "2.0", "method": "notifications/initialized"},
                           session, source, version)
        if s != 202:
            raise AssertionError(f"notifications/initialized answered {s}")
    return status, session


def search(target, session, query="certificate", source=None, version="2025-06-18"):
    """A search tool call; the number of results, or raises."""
    status, headers, body = mcp_post(target, {
        "jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": {"name": "search", "arguments": {"query": query}}}, session, source, version)
    if status != 200:
        raise AssertionError(f"search answered HTTP {status}: {body[:200]!r}")
    reply = reply_json(status, headers, body)
    text = reply["result"]["content"][0]["text"]
    return len(json.loads(text)["results"])


def well_behaved(target, source=None, version="2025-06-18"):
    """What a well-behaved client does: a new session and a search that finds something.
    Returns the session id; raises when anything fails."""
    status, session = initialize(target, source, version)
    if status != 200 or not session:
        raise AssertionError(f"a well-behaved client's initialize answered {status}")
    found = search(target, session, source=source, version=version)
    if found < 1:
        raise AssertionError("a well-behaved client's search found nothing")
    return session


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for pid {pid}")


class RssSampler:
    """Samples a process's resident set every `interval` seconds in a thread; `peak`."""

    def __init__(self, pid, interval=0.005):
        self.pid, self.interval = pid, interval
        self.peak = rss_kib(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_kib(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kib(self.pid))


def run_concurrently(jobs):
    """Runs callables in threads at once; returns their results (exceptions re-raised)."""
    results = [None] * len(jobs)
    errors = []

    def run(i, job):
        try:
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - reported to the caller below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {seconds} s")
