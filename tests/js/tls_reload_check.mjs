#!/usr/bin/env node
// Replaces mcpd's certificate while MCP traffic runs, with the official TypeScript SDK
// client: one legacy SSE session and one Streamable HTTP session, each calling tools in a
// loop. Midway it runs --swap (a shell command that installs the new certificate), then
// polls new TLS handshakes until they show --expect-serial. It passes when the serial
// changed, no request failed, and neither session was closed or reconnected.
//
//   NODE_EXTRA_CA_CERTS=ca.pem node tls_reload_check.mjs --url https://localhost:PORT \
//        --swap 'bash swap.sh' --expect-serial HEX [--requests N]
//
// Prints one JSON line of counts and the reload latency; exits 1 on failure.
import { exec } from 'node:child_process';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    swap: { type: 'string' },
    'expect-serial': { type: 'string' },
    requests: { type: 'string', default: '60' }
  }
});
if (!args.url || !args.swap || !args['expect-serial']) {
  console.error('usage: tls_reload_check.mjs --url URL --swap CMD --expect-serial HEX');
  process.exit(2);
}
const url = new URL(args.url);
const perPhase = Number(args.requests);
const normalize = (hex) => hex.toUpperCase().replace(/^0+/, '');
const expected = normalize(args['expect-serial']);
function fail(message) {
  console.log(`not ok - ${message}`);
  process.exit(1);
}
setTimeout(() => fail('gave up after 60 s'), 60000).unref();

// The serial a brand-new handshake gets (no session reuse).
function handshakeSerial() {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: Number(url.port), servername: url.hostname,
      session: undefined }, () => {
      const serial = socket.getPeerCertificate().serialNumber;
      socket.end();
      resolve(normalize(serial));
    });
    socket.on('error', reject);
  });
}

const closed = [];
async function connect(kind) {
  const transport = kind === 'sse'
    ? new SSEClientTransport(new URL('/sse', url))
    : new StreamableHTTPClientTransport(new URL('/mcp', url));
  const client = new Client({ name: `tls-reload-${kind}`, version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  transport.onclose = () => closed.push(kind);  // after connect: the Client sets its own first
  return client;
}

const counts = { streamable: 0, sse: 0, failures: [] };
let stop = false;
async function loop(kind, client) {
  while (!stop) {
    try {
      if (kind === 'sse') {
        const tools = await client.listTools();
        if (!tools.tools.some((t) => t.name === 'search')) throw new Error('no search tool');
      } else {
        const result = await client.callTool({ name: 'search', arguments: { query: 'certificate' } });
        if (result.isError) throw new Error(`search failed: ${JSON.stringify(result.content)}`);
      }
      counts[kind]++;
    } catch (e) {
      counts.failures.push(`${kind}: ${e.message}`);
    }
  }
}
async function until(predicate, what) {
  const deadline = Date.now() + 20000;
  while (!predicate()) {
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const before = await handshakeSerial();
if (before === expected) fail(`already serving ${expected} before the swap`);
const sse = await connect('sse');
const streamable = await connect('streamable');
const loops = [loop('sse', sse), loop('streamable', streamable)];
await until(() => counts.sse >= perPhase && counts.streamable >= perPhase, 'traffic before the swap');

await new Promise((resolve, reject) => exec(args.swap, (e, out, err) => e ? reject(new Error(`${e.message}${err}`)) : resolve()))
  .catch((e) => fail(`swap command failed: ${e.message}`));
const swapped = Date.now();
let after = before;
while (after !== expected) {
  if (Date.now() - swapped > 10000) fail(`new handshakes still show ${after}, expected ${expected}`);
  after = await handshakeSerial();
}
const latencyMs = Date.now() - swapped;
const mark = { sse: counts.sse, streamable: counts.streamable };
await until(() => counts.sse >= mark.sse + perPhase && counts.streamable >= mark.streamable + perPhase,
  'traffic after the swap');
stop = true;
await Promise.all(loops);
await sse.close();
await streamable.close();

console.log(JSON.stringify({ before, after, reload_latency_ms: latencyMs, requests: {
  sse: counts.sse, streamable: counts.streamable }, failures: counts.failures.length,
closed_during_run: closed.length }));
if (counts.failures.length) fail(`requests failed: ${counts.failures.slice(0, 5).join(' | ')}`);
const closedEarly = closed.length - 2;  // each transport closes once, at our close()
if (closedEarly > 0) fail(`a session closed during the run: ${closed.join(', ')}`);
console.log('ok - certificate replaced under load with no failed request');
