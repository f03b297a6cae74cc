#!/usr/bin/env python3
# mcp_requests.py PORT MODE N [OFFSET]: N search requests to http://127.0.0.1:PORT/mcp over
# one kept-alive connection, the same bodies as mcp.lua's. Exits non-zero on a bad reply.
# MODE: session (2025-06-18 session) | stateless (2026-07-28, _meta in the body) | distinct
# (session, a query never asked before each time) | distinct-stateless.
# With CG_PID set, zeroes that process's callgrind counters after the session is open and
# dumps them as CG_NAME after the last reply (bench/mcpd_request_instructions.sh).
import http.client, json, sys
port, mode, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
off = int(sys.argv[4]) if len(sys.argv) > 4 else 0
queries = ["session transport timeout", "backpressure stream", "tls certificate", "retry policy", "cache invalidation",
  "thread-safe queue", "snapshot recovery", "json schema validation", "rate limit quota", "startup health probe",
  "index ranking relevance", "socket descriptor", "coroutine scheduler", "shard replica", "histogram percentile",
  "deprecated legacy compatibility", "encoding decoding frame", "pagination cursor", "mutex atomic lock", "kernel syscall signal",
  "searchIndex", "parseRequest handler", "epoll reactor", "environment variable config", "token tokenizer stemmer",
  "checksum signature", "rollback deploy", "heartbeat keepalive", "notification subscription", "buffer memory allocator"]
words = ("server client request response session transport stream event message protocol endpoint handler header payload schema resource "
  "query search index document token field parameter configuration directory socket connection timeout retry error buffer memory "
  "thread process worker queue mutex atomic template function module library dependency compile benchmark latency throughput cache "
  "database iterator allocator algorithm cluster replica shard partition histogram quota policy permission credential certificate signature rollback").split()
def distinct(i):
    k = len(words)
    return f"{words[i % k]} {words[(i // k) % k]} {words[(i // (k*k)) % k]}"
c = http.client.HTTPConnection("127.0.0.1", port)
base = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
def post(body, headers):
    c.request("POST", "/mcp", body=body, headers={**base, **headers})
    r = c.getresponse(); data = r.read()
    if r.status not in (200, 202) or (r.status == 200 and b'"result"' not in data):
        sys.exit(f"bad reply {r.status} {data[:300]!r}")
    return r
meta = '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'
hdr = {}
if not mode.endswith("stateless"):
    r = post('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"d","version":"1"}}}', {})
    sid = r.getheader("Mcp-Session-Id")
    hdr = {"Mcp-Session-Id": sid, "MCP-Protocol-Version": "2025-06-18"}
    post('{"jsonrpc":"2.0","method":"notifications/initialized"}', hdr)
else:
    hdr = {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "search"}
import os, subprocess
pid = os.environ.get("CG_PID")
if pid: subprocess.run(["callgrind_control", "-z", pid], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for i in range(off + 1, off + n + 1):
    q = distinct(i) if mode.startswith("distinct") else queries[i % len(queries)]
    args = '"arguments":{"query":"%s","limit":10}' % q
    if mode.endswith("stateless"):
        body = '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"search",%s,%s}}' % (i, args, meta)
    else:
        body = '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"search",%s}}' % (i, args)
    post(body, hdr)
if pid: subprocess.run(["callgrind_control", "-d", os.environ["CG_NAME"], pid], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
